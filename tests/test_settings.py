"""Settings: safe defaults, environment names, and dev secrets refused in production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from peergraph.settings import Settings, get_settings


def test_defaults_are_safe_for_development(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "NEO4J_PASSWORD", "PEERGRAPH_ENVIRONMENT", "PEERGRAPH_HOST"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.environment == "development"
    assert settings.neo4j_uri is None  # the local launcher is used
    assert settings.host == "127.0.0.1"  # not exposed beyond this machine by default
    assert settings.import_mutation_enabled is False


def test_neo4j_settings_come_from_the_standard_env_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("PEERGRAPH_NEO4J_HEAP", "4g")
    settings = get_settings()
    assert settings.neo4j_uri == "bolt://db.example:7687"
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret-pass"
    assert settings.neo4j_heap == "4g"
    assert "s3cret-pass" not in repr(settings)


def test_production_refuses_the_development_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERGRAPH_JWT_SECRET", raising=False)
    with pytest.raises(ValidationError, match="PEERGRAPH_JWT_SECRET"):
        get_settings(environment="production", neo4j_uri="bolt://db:7687")


def test_production_accepts_a_strong_secret() -> None:
    settings = get_settings(environment="production", neo4j_uri="bolt://db:7687", jwt_secret="x" * 48)
    assert settings.environment == "production"
