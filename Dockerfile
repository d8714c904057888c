# The peergraph API image (docker-compose.yml runs it beside a pinned neo4j:5.26).
# What ships is the project as pyproject.toml declares it: the whole tree is copied (.dockerignore keeps
# build and run output out) and installed from uv.lock, so no list of folders is kept here.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.8
COPY . .
RUN uv sync --frozen --no-dev --no-editable
EXPOSE 8000
CMD ["sh", "-c", "/app/.venv/bin/peergraph migrate && /app/.venv/bin/peergraph import-sample --if-empty && /app/.venv/bin/peergraph serve --host 0.0.0.0"]
