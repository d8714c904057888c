# The peergraph API image (docker-compose.yml runs it beside a pinned neo4j:5.26).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.8
COPY pyproject.toml uv.lock README.md ./
COPY schema schema
COPY resolvers resolvers
COPY loaders loaders
COPY cypher cypher
COPY ingest ingest
COPY db db
COPY data data
COPY contract contract
COPY app.py settings.py context.py cli.py errors.py ./
RUN uv sync --frozen --no-dev
EXPOSE 8000
CMD ["sh", "-c", "/app/.venv/bin/peergraph migrate && /app/.venv/bin/peergraph import-sample --if-empty && /app/.venv/bin/peergraph serve --host 0.0.0.0"]
