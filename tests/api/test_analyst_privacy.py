"""collaborations(between: AUTHOR) over all works, from the kept pair counts, as each viewer may see it: an author
whose claimant hides the collaborators is no party (no pair, not in the total) for anyone but the claimant and
admins, as the live pairing answers; INSTITUTION pairs do not depend on who is hidden (parties.cypher). Over real
HTTP, with a real claim and a real hidden field; every expected value from the records below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import AsyncDriver

from ingest import facet_counts
from peergraph.settings import Settings
from tests.accounts.support import Api, fresh_ip, signup, work_record, write_works
from tests.support import TEST_ACCOUNTS, ApiServer

ADMIN = "pairs-admin@example.org"
H, B, C, D = "A5100000001", "A5100000002", "A5100000003", "A5100000004"
CROWD = [f"A52{n:08d}" for n in range(201)]  # co-authors of the big works
# work → (authors, cited by); H's and B's authorships on the first work name an institution each (INSTITUTIONS)
WORKS: dict[str, tuple[list[str], int]] = {"W5100000001": ([H, B, C], 7), "W5100000002": ([B, C], 3),
                                           "W5100000003": ([H, D], 5)}  # fmt: skip
# A work of 202 authors with H: 201 are left when H is hidden, still too many (skipped either way: kept answers).
SKIPPED_EITHER_WAY = {"W5100000004": ([H, *CROWD], 11)}
# A work of 201 authors with H: 200 are left when H is hidden, which gives pairs (the kept counts skipped it: live).
PAIRED_WHEN_HIDDEN = {"W5100000005": ([H, *CROWD[:200]], 13)}
INSTITUTIONS = {H: "I5100000001", B: "I5100000002"}
CLAIM = "mutation($id: ID!) { claimAuthor(id: $id) { claimed } }"
HIDE = """mutation($id: ID!, $input: ProfileSettingsInput!) {
  updateAuthorProfile(id: $id, input: $input) { settings { hiddenFields } } }"""
PAIRS = """query($between: CollaborationParty!) { collaborations(between: $between, first: 200) {
  totalCount skippedWorks pairs { a { key label } b { key label } works citedByCount } } }"""


def name(author: str) -> str:
    return f"Author {author}"


def records(works: dict[str, tuple[list[str], int]]) -> list[dict[str, Any]]:
    out = []
    for work, (authors, cited) in works.items():
        record = {**work_record(work, [(a, name(a), None) for a in authors], []), "cited_by_count": cited}
        for ship in record["authorships"]:
            inst = INSTITUTIONS.get(ship["author"]["id"].rsplit("/", 1)[1]) if work == "W5100000001" else None
            if inst is not None:
                ship["institutions"] = [{"id": f"https://openalex.org/{inst}", "display_name": f"Uni {inst}"}]
        out.append(record)
    return out


def expected(works: dict[str, tuple[list[str], int]], hidden: set[str], label: Callable[[str], str]) -> Any:
    """collaborations(between: AUTHOR)'s answer from the records, the `hidden` authors no party."""
    pairs: dict[tuple[str, str], list[int]] = {}
    skipped = 0
    for authors, cited in works.values():
        parties = sorted(set(authors) - hidden)
        if len(parties) > facet_counts.MAX_PARTIES:
            skipped += 1
            continue
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                kept = pairs.setdefault((a, b), [0, 0])
                kept[0] += 1
                kept[1] += cited
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return {
        "totalCount": len(ranked),
        "skippedWorks": skipped,
        "pairs": [
            {"a": {"key": a, "label": label(a)}, "b": {"key": b, "label": label(b)}, "works": n, "citedByCount": c}
            for (a, b), (n, c) in ranked[:200]
        ],
    }


async def answers(api: Api, between: str, token: str | None) -> Any:
    body = await api.gql(PAIRS, {"between": between}, token=token)
    assert "errors" not in body, body
    return body["data"]["collaborations"]


async def test_a_hidden_authors_pairs_are_left_out_of_the_kept_pairs(
    empty_db: AsyncDriver, settings: Settings, servers: Callable[..., ApiServer]
) -> None:
    db = settings.neo4j_database
    server = servers(**TEST_ACCOUNTS, admin_emails=(ADMIN,), trust_forwarded_for=True)  # a tuple: the key of one server
    works = {**WORKS, **SKIPPED_EITHER_WAY}
    await write_works(empty_db, db, records(works))
    async with server.client() as client:
        api = Api(client, fresh_ip())
        claimant = await signup(api, "pairs-claimant@example.org")
        stranger = await signup(api, "pairs-stranger@example.org")
        admin = await signup(api, ADMIN)
        body = await api.gql(CLAIM, {"id": H}, token=claimant.token)
        assert body["data"]["claimAuthor"]["claimed"] is True, body
        viewers = {"anonymous": None, "another user": stranger.token, "the claimant": claimant.token}
        viewers["an admin"] = admin.token

        async def check(works: dict[str, tuple[list[str], int]], hides: bool) -> None:
            for viewer, token in viewers.items():
                sees_all = not hides or viewer in ("the claimant", "an admin")
                want = expected(works, set() if sees_all else {H}, name)
                assert await answers(api, "AUTHOR", token) == want, viewer
                # INSTITUTION parties are every authorship's institutions, whoever hides what (as live)
                institution = await answers(api, "INSTITUTION", token)
                assert [(p["a"]["key"], p["b"]["key"]) for p in institution["pairs"]] == [tuple(INSTITUTIONS.values())]

        await check(works, hides=False)
        body = await api.gql(HIDE, {"id": H, "input": {"hiddenFields": ["COLLABORATORS"]}}, token=claimant.token)
        assert body["data"]["updateAuthorProfile"]["settings"]["hiddenFields"] == ["COLLABORATORS"], body
        await check(works, hides=True)
        assert expected(works, {H}, name)["totalCount"] < expected(works, set(), name)["totalCount"]

        # a work that hiding H brings down to 200 parties: the live pairing's answer (its pairs, one less skipped)
        works = {**works, **PAIRED_WHEN_HIDDEN}
        await write_works(empty_db, db, records(PAIRED_WHEN_HIDDEN))
        await check(works, hides=True)
        assert expected(works, {H}, name)["skippedWorks"] == 1 < expected(works, set(), name)["skippedWorks"]
        # the same answers paired live, from a graph without the kept AUTHOR pairs
        await empty_db.execute_query("MATCH (c:_FacetCount {facet: 'AUTHOR_PAIR'}) DELETE c", database_=db)
        await check(works, hides=True)
