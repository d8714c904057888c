# The peergraph API image (docker-compose.yml runs it beside a pinned neo4j:5.26).
# Stage 1 builds what is not Python: the pages (web/, Vite) and GraphiQL's assets, from their lock files.
# Stage 2 installs the project from uv.lock as a wheel; the wheel carries the built pages, GraphiQL's assets, the
# contract and the sample (peergraph/assets.py, hatch_build.py), so the image serves / and /graphiql. The whole
# tree is copied (.dockerignore keeps build and run output out), so no list of folders is kept here.
FROM node:20-bookworm-slim AS pages
WORKDIR /build
COPY web/package.json web/package-lock.json web/
COPY graphiql/package.json graphiql/package-lock.json graphiql/
RUN npm ci --prefix web --no-audit --no-fund --ignore-scripts \
 && npm ci --prefix graphiql --no-audit --no-fund --ignore-scripts
COPY web/ web/
COPY contract/ contract/
RUN npm run --prefix web build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.8
COPY . .
COPY --from=pages /build/web/dist web/dist
COPY --from=pages /build/graphiql/node_modules graphiql/node_modules
# The wheel took its copies of the pages and of GraphiQL's assets: the npm trees are not needed at run time.
RUN uv sync --frozen --no-dev --no-editable && rm -rf web/dist graphiql/node_modules
EXPOSE 8000
CMD ["sh", "-c", "/app/.venv/bin/peergraph migrate && /app/.venv/bin/peergraph import-sample --if-empty && /app/.venv/bin/peergraph serve --host 0.0.0.0"]
