"""Queries about the database's schema (the migrations' state), for admin commands and the importer."""

from cypher import load

SCHEMA_INDEXES = load("admin/schema_indexes")
AWAIT_INDEXES = load("admin/await_indexes")
