"""The committed `schema.graphql` equals the code's schema, and the breaking-change check works."""

from __future__ import annotations

from graphql import build_schema, parse, validate

from peergraph.settings import PROJECT_ROOT
from schema import build_schema as build_code_schema
from schema.compat import COMMITTED, breaking_changes, code_sdl


def test_committed_schema_equals_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == code_sdl(), "run `make schema` and commit schema.graphql"


def test_no_breaking_change_against_the_committed_schema() -> None:
    assert breaking_changes(COMMITTED.read_text(encoding="utf-8")) == []


def test_the_check_reports_removed_fields_and_new_required_arguments() -> None:
    committed = COMMITTED.read_text(encoding="utf-8")
    removed = committed.replace("  sharedWorkCount: Int!\n", "  sharedWorkTotal: Int!\n", 1)
    assert removed != committed
    changes = breaking_changes(committed, removed)
    assert any("sharedWorkCount" in c.description for c in changes)
    stricter = committed.replace("graphSlice(center: ID!", "graphSlice(mode: Int!, center: ID!", 1)
    assert stricter != committed
    assert any("mode" in c.description for c in breaking_changes(committed, stricter))


def test_every_contract_operation_validates_as_written() -> None:
    contract = (PROJECT_ROOT / "contract" / "explorer.graphql").read_text(encoding="utf-8")
    assert validate(build_code_schema()._schema, parse(contract)) == []
    assert validate(build_schema(COMMITTED.read_text(encoding="utf-8")), parse(contract)) == []
