"""peergraph: the application shell (HTTP app, context, settings, errors, CLI, the Neo4j launcher)."""
