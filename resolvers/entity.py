"""Lookups of any entity: by id (`node`), and by alternate keys (ORCID, DOI, ROR)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ingest.ids import bare_doi, bare_orcid, bare_ror, parse_id
from peergraph.context import Info
from peergraph.errors import bad_input

if TYPE_CHECKING:
    from schema.author import AuthorRow
    from schema.institution import InstitutionRow
    from schema.work import WorkRow

Row = Any  # an entity row of the kind asked for
NODE_KINDS = ("author", "work", "topic", "institution", "source")


async def node_by_id(info: Info, *, id: str) -> tuple[str, Row] | None:
    """(kind, row) for any entity id, or None when unknown (concept ids are not nodes of this API)."""
    parsed = parse_id(id)
    if parsed is None:
        raise bad_input(f"`id` is not an OpenAlex id: {id[:80]!r}", argument="id")
    kind, short = parsed
    if kind not in NODE_KINDS:
        return None
    row = await _by_id(info, kind, short)
    return None if row is None else (kind, row)


async def _by_id(info: Info, kind: str, short: str) -> Row | None:
    """The entity with this id, or the one OpenAlex merged it into (docs/graph-model.md#merged-ids)."""
    loader = getattr(info.context.loaders, kind)
    row: Row | None = await loader.load(short)
    if row is None:
        survivor = await info.context.loaders.survivor.load(short)
        if survivor is not None:
            row = await loader.load(survivor)
    return row


async def entity_row(info: Info, *, kind: str, id: str) -> Row | None:
    """The row of an entity of the given kind (id short or URL; a merged id gives its survivor), or None;
    BAD_USER_INPUT for another kind."""
    parsed = parse_id(id)
    if parsed is None or parsed[0] != kind:
        raise bad_input(f"`id` is not a{'n' if kind[0] in 'aeiou' else ''} {kind} id: {id[:80]!r}", argument="id")
    return await _by_id(info, kind, parsed[1])


def short_id(id: str, *, kind: str) -> str | None:
    """The short id of an id argument (short or URL) of the given kind; None when it is not one."""
    parsed = parse_id(id)
    return parsed[1] if parsed is not None and parsed[0] == kind else None


def _bare(value: str, bare: Callable[[str], str | None], argument: str, what: str) -> str:
    """The bare form of an alternate key (ORCID iD, DOI, ROR id); BAD_USER_INPUT when it is not one."""
    found = bare(value)
    if found is None:
        raise bad_input(f"`{argument}` is not {what}: {value[:80]!r}", argument=argument)
    return found


async def author_by_orcid(info: Info, *, orcid: str) -> AuthorRow | None:
    loaders = info.context.loaders
    found = await loaders.orcid.load(_bare(orcid, bare_orcid, "orcid", "an ORCID iD"))
    return None if found is None else await loaders.author.load(found)


async def work_by_doi(info: Info, *, doi: str) -> WorkRow | None:
    loaders = info.context.loaders
    found = await loaders.doi.load(_bare(doi, bare_doi, "doi", "a DOI"))
    return None if found is None else await loaders.work.load(found)


async def institution_by_ror(info: Info, *, ror: str) -> InstitutionRow | None:
    loaders = info.context.loaders
    found = await loaders.ror.load(_bare(ror, bare_ror, "ror", "a ROR id"))
    return None if found is None else await loaders.institution.load(found)


def exactly_one(**arguments: str | None) -> tuple[str, str]:
    """The one argument given among alternatives (e.g. id or orcid); BAD_USER_INPUT otherwise."""
    given = [(name, value) for name, value in arguments.items() if value is not None]
    if len(given) != 1:
        names = " or ".join(f"`{n}`" for n in arguments)
        raise bad_input(f"give exactly one of {names}")
    return given[0]
