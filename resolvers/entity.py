"""Lookups of any entity: by id (`node`), and by alternate keys (ORCID, DOI, ROR)."""

from __future__ import annotations

from typing import Any

from ingest.ids import bare_doi, bare_orcid, bare_ror, parse_id
from peergraph.context import Info
from peergraph.errors import bad_input

Row = dict[str, Any]
NODE_KINDS = ("author", "work", "topic", "institution", "source", "funder", "publisher")


async def node_by_id(info: Info, *, id: str) -> tuple[str, Row] | None:
    """(kind, row) for any entity id, or None when unknown (concept ids are not nodes of this API)."""
    parsed = parse_id(id)
    if parsed is None:
        raise bad_input(f"`id` is not an OpenAlex id: {id[:80]!r}", argument="id")
    kind, short = parsed
    if kind not in NODE_KINDS:
        return None
    row = await getattr(info.context.loaders, kind).load(short)
    return None if row is None else (kind, row)


async def entity_row(info: Info, *, kind: str, id: str) -> Row | None:
    """The row of an entity of the given kind (id short or URL), or None; BAD_USER_INPUT for another kind."""
    parsed = parse_id(id)
    if parsed is None or parsed[0] != kind:
        raise bad_input(f"`id` is not a{'n' if kind[0] in 'aeiou' else ''} {kind} id: {id[:80]!r}", argument="id")
    row: Row | None = await getattr(info.context.loaders, kind).load(parsed[1])
    return row


def short_id(id: str, *, kind: str) -> str | None:
    """The short id of an id argument (short or URL) of the given kind; None when it is not one."""
    parsed = parse_id(id)
    return parsed[1] if parsed is not None and parsed[0] == kind else None


async def author_by_orcid(info: Info, *, orcid: str) -> Row | None:
    bare = bare_orcid(orcid)
    if bare is None:
        raise bad_input(f"`orcid` is not an ORCID iD: {orcid[:80]!r}", argument="orcid")
    found = await info.context.loaders.orcid.load(bare)
    return None if found is None else await info.context.loaders.author.load(found)


async def work_by_doi(info: Info, *, doi: str) -> Row | None:
    bare = bare_doi(doi)
    if bare is None:
        raise bad_input(f"`doi` is not a DOI: {doi[:80]!r}", argument="doi")
    found = await info.context.loaders.doi.load(bare)
    return None if found is None else await info.context.loaders.work.load(found)


async def institution_by_ror(info: Info, *, ror: str) -> Row | None:
    bare = bare_ror(ror)
    if bare is None:
        raise bad_input(f"`ror` is not a ROR id: {ror[:80]!r}", argument="ror")
    found = await info.context.loaders.ror.load(bare)
    return None if found is None else await info.context.loaders.institution.load(found)


def exactly_one(**arguments: str | None) -> tuple[str, str]:
    """The one argument given among alternatives (e.g. id or orcid); BAD_USER_INPUT otherwise."""
    given = [(name, value) for name, value in arguments.items() if value is not None]
    if len(given) != 1:
        names = " or ".join(f"`{n}`" for n in arguments)
        raise bad_input(f"give exactly one of {names}")
    return given[0]
