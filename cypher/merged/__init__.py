"""Merged-id read queries: an id OpenAlex merged into another answers with the surviving entity."""

from cypher import load

SURVIVORS = load("merged/survivors")
