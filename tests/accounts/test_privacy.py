"""Privacy holds on every path: docs/privacy.md's table, walked row by row over real HTTP for four viewers.

The table is read from the doc; each row names a probe (tests/accounts/privacy_probes.py). A row without a probe, a
probe without a row, or a hideable field without rows fails here, so the doc, the probes and the code cannot drift.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

import cypher
from accounts.trust import TrustInputs, snapshot
from loaders.privacy import HIDEABLE, VIEWER_CLAUSE, HiddenField
from peergraph.settings import PROJECT_ROOT
from tests.accounts import privacy_probes as probes
from tests.accounts.conftest import ADMIN_EMAIL, Issuer
from tests.accounts.support import Api, signup, write_author, write_works

DOC = PROJECT_ROOT / "docs" / "privacy.md"
CLAIM = "mutation($id: ID!, $tok: String) { claimAuthor(id: $id, orcidIdToken: $tok) { claimed } }"
FOLLOW = "mutation($id: ID!) { followAuthor(id: $id) { followers } }"
HIDE = """mutation($id: ID!, $input: ProfileSettingsInput!) {
  updateAuthorProfile(id: $id, input: $input) { settings { hiddenFields } } }"""


@dataclass(frozen=True)
class Row:
    field: str
    path: str
    probe: str


def table_rows() -> list[Row]:
    """The rows of the doc's "Every path checked" table."""
    section = DOC.read_text(encoding="utf-8").split("## Every path checked", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 5:
            rows.append(Row(field=cells[0].strip("`"), path=cells[1], probe=cells[4].strip("`")))
    return rows


def test_the_table_names_every_hideable_field_and_exactly_the_probes() -> None:
    rows = table_rows()
    assert {f.value for f in HiddenField} == set(HIDEABLE) == {r.field for r in rows}
    names = [r.probe for r in rows]
    assert len(names) == len(set(names)), "a probe named twice"
    assert set(names) == set(probes.PROBES), "rows without probes or probes without rows"
    assert all(p.shown != p.hidden for p in probes.PROBES.values())  # each row can fail


def test_a_hidden_trust_factor_reads_the_same_whatever_the_hidden_value() -> None:
    everything = TrustInputs(True, True, "ORCID", True, probes.ORCID, probes.ORCID, True, 3, 9, 40, 2)
    nothing = TrustInputs(True, True, "ORCID", True, probes.ORCID, None, False, 3, 0, 0, 2)
    assert snapshot(everything).level == "L3"
    hidden = frozenset(HIDEABLE)
    assert snapshot(replace(everything, hidden=hidden)) == snapshot(replace(nothing, hidden=hidden))
    assert snapshot(replace(everything, hidden=hidden)).level == "L2"  # L3 would tell that an ORCID iD exists


async def _observe(api: Api, names: list[str], token: str | None) -> dict[str, Any]:
    """What each named probe sees as this viewer (probes that share a query share its answer)."""
    queries = sorted({probes.PROBES[n].query for n in names})
    # Two at a time: a burst of ~40 requests (each first one compiling its Cypher) on a 2-core machine is what the
    # request deadline and load shedding are for.
    gate = asyncio.Semaphore(2)

    async def ask(query: str) -> dict[str, Any]:
        async with gate:
            return await api.gql(query, token=token)

    bodies = dict(zip(queries, await asyncio.gather(*(ask(q) for q in queries)), strict=True))
    for query, body in bodies.items():
        assert "errors" not in body, (query, body)
    return {n: probes.PROBES[n].observe(bodies[probes.PROBES[n].query]["data"]) for n in names}


async def _hide(api: Api, token: str, fields: list[str]) -> None:
    change = {"hiddenFields": fields, "shownAffiliationId": probes.AFFILIATION["id"]}
    body = await api.gql(HIDE, {"id": probes.A, "input": change}, token=token)
    assert body["data"]["updateAuthorProfile"]["settings"]["hiddenFields"] == sorted(fields), body


def _wrong(rows: list[Row], seen: dict[str, Any], expect: str, viewer: str) -> list[str]:
    return [
        f"{r.field} via {r.path} [{r.probe}], {viewer}: got {seen[r.probe]!r}, want {want!r}"
        for r in rows
        if seen[r.probe] != (want := getattr(probes.PROBES[r.probe], expect))
    ]


async def test_a_hidden_field_is_hidden_on_every_path_from_everyone_but_the_claimant_and_admins(
    empty_db: AsyncDriver, api: Api, database: str, issuer: Issuer
) -> None:
    rows = table_rows()
    await write_works(empty_db, database, probes.work_records())
    await write_author(empty_db, database, probes.author_record())
    claimant = await signup(api, "privacy-claimant@example.org")
    stranger = await signup(api, "privacy-stranger@example.org")
    admin = await signup(api, ADMIN_EMAIL)
    claim = await api.gql(CLAIM, {"id": probes.A, "tok": issuer.id_token(probes.ORCID)}, token=claimant.token)
    assert claim["data"]["claimAuthor"]["claimed"] is True, claim
    for user in (claimant, stranger, admin):
        assert "errors" not in await api.gql(FOLLOW, {"id": probes.A}, token=user.token)
    viewers = {"anonymous": None, "another user": stranger.token, "the claimant": claimant.token}
    viewers["an admin"] = admin.token
    names = [r.probe for r in rows]

    # Nothing hidden: every path shows the value to others (so each row tests a path that really shows it). Another
    # user rather than anonymous: only a logged-in viewer has a `following` list.
    await _hide(api, claimant.token, [])
    wrong = _wrong(rows, await _observe(api, names, stranger.token), "shown", "another user, nothing hidden")

    # Everything hidden: others get the hidden answer, the claimant and admins the value.
    await _hide(api, claimant.token, list(HIDEABLE))
    for viewer, token in viewers.items():
        expect = "shown" if viewer in ("the claimant", "an admin") else "hidden"
        wrong += _wrong(rows, await _observe(api, names, token), expect, viewer)

    # One field hidden at a time: its rows hide it by themselves, not because another hidden field left A out.
    for field in HIDEABLE:
        await _hide(api, claimant.token, [field])
        own = [r for r in rows if r.field == field]
        seen = await _observe(api, [r.probe for r in own], stranger.token)
        wrong += _wrong(own, seen, "hidden", f"another user, {field} only")
    assert not wrong, "\n".join(wrong)


# The read queries: every .cypher file but the importer's and the migrations, as they run (their fragments expanded:
# the fragments themselves are read there). The account files that read an ORCID iD for the claim itself: the
# claimant's own iD (their user row), the author's iD that an ORCID claim must match.
READS = [
    p for p in (PROJECT_ROOT / "cypher").rglob("*.cypher") if p.parent.name not in ("ingest", "migrations", "fragments")
]
OWN_ORCID = {"account/get_users_by_ids.cypher", "account/claim_state.cypher", "account/create_claim.cypher"}
CLAIM_READ = re.compile(r"\(claim:Claim[^)]*\)(?: WHERE (?P<where>[^}]*?))?(?: UNWIND| RETURN| })")


def _name(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT / "cypher").as_posix()


def _code(path: Path) -> str:
    text = cypher.load(_name(path).removesuffix(".cypher"))
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))


def test_every_query_that_reads_an_orcid_id_takes_the_viewer() -> None:
    reading = [p for p in READS if "orcid" in _code(p).lower() and _name(p) not in OWN_ORCID]
    assert len(reading) > 10
    assert [_name(p) for p in reading if "$viewer" not in _code(p)] == []
    # and none projects it as is: `.orcid` in a map projection would return a hidden iD
    assert [_name(p) for p in reading if re.search(r"[{,]\s*\.orcid\b", _code(p))] == []


def test_every_privacy_check_of_a_claim_asks_the_same_of_the_viewer() -> None:
    checks = [(p, m) for p in READS for m in CLAIM_READ.finditer(_code(p)) if "$viewer" in _code(p)]
    assert len(checks) > 20
    assert [_name(p) for p, m in checks if VIEWER_CLAUSE not in (m.group("where") or "")] == []
