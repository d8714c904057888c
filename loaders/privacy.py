"""Who is reading: the audience every read that names `$viewer` is given, so a claimant's hidden fields stay hidden.

A claimant may hide fields of their author record (`HIDEABLE`; `updateAuthorProfile`). A hidden field is hidden
from everyone but the claimant and admins, on every path (docs/privacy.md lists them, and
tests/accounts/test_privacy.py walks that list). The rule is applied by the queries themselves: each read that
returns, counts, filters, looks up or walks a hideable thing reads the author's `Claim` with VIEWER_CLAUSE and
leaves out what it hides from `$viewer`. So the rows that leave Neo4j are what this viewer may see, and a field
reading a row cannot forget the rule; and sets (a filter, a lookup by ORCID iD, a count, a slice) are filtered where
they are read, where checking in Python would first load what it then hides.

The gateway (loaders/gateway.py) passes `$viewer` to every query that names it, so no loader can leave it out; and each
relation declares the hideable fields its rows can tell (loaders/relation.py), refused at import when its query applies
no rule to one of them (`require_viewer_rule`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class HiddenField(StrEnum):
    """What a claimant may hide: the one list (the GraphQL enum HiddenField is this class, schema/accounts/profile.py;
    the queries name its values, `'ORCID' IN hidden`)."""

    ORCID = "ORCID"
    AFFILIATION = "AFFILIATION"
    TOPICS = "TOPICS"
    COLLABORATORS = "COLLABORATORS"


HIDEABLE: Final = tuple(HiddenField)

# When a claim's hidden fields are hidden from the viewer: not an admin, not the claimant. It stands in each query,
# after `MATCH (claim:Claim ...) WHERE`, in one of three forms: the list of what one author hides
# (COLLECT { ... UNWIND claim.hiddenFields ... }), whether one author hides a field (EXISTS { ... }), the authors who
# hide a field (COLLECT { MATCH (claim:Claim) WHERE '<field>' IN claim.hiddenFields AND ... RETURN claim.authorId },
# for queries that test many authors: claims are far fewer than authors). An anonymous viewer has no id: the null
# comparison is coalesced to false, so the field stays hidden.
VIEWER_CLAUSE: Final = "NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false)"

_NAMES_VIEWER = re.compile(r"\$viewer\b")


@dataclass(frozen=True)
class Audience:
    """The viewer as the queries see it: the user id (None when anonymous) and whether an admin."""

    user_id: str | None = None
    admin: bool = False

    def param(self) -> dict[str, object]:
        return {"id": self.user_id, "admin": self.admin}


ANONYMOUS: Final = Audience()


async def anonymous() -> Audience:
    """The audience of a gateway that knows no viewer (a script, a benchmark): sees only what is public."""
    return ANONYMOUS


def require_viewer_rule(query: str, private: Iterable[HiddenField]) -> None:
    """Refuse (where a relation is declared: at import) a query whose rows can tell a hideable field but that does not
    apply the viewer's rule to it: the relation declares what it can tell, the query must read the claims with
    VIEWER_CLAUSE and name each such field."""
    missing = [field for field in private if VIEWER_CLAUSE not in query or f"'{field}'" not in query]
    if missing:
        first = query.strip().splitlines()[0][:80]
        raise ValueError(f"a query that can tell {', '.join(missing)} applies no viewer rule to it: {first}")


def names_viewer(query: str) -> bool:
    """Whether a query takes `$viewer` (`$viewerId` is another parameter): 1-5 µs a query, measured."""
    return _NAMES_VIEWER.search(query) is not None
