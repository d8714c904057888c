"""The bulk import path for an empty database: CSV files for `neo4j-admin database import full` (graph.py builds
what the online importer would, tables.py writes the files), then the load and what follows it (load.py)."""
