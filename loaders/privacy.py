"""Who is reading: the audience every read that names `$viewer` is given, so a claimant's hidden fields stay hidden.

A claimant may hide fields of their author record (`HIDEABLE`; `updateAuthorProfile`). A hidden field is hidden
from everyone but the claimant and admins, on every path (docs/privacy.md lists them, and
tests/accounts/test_privacy.py walks that list). The rule is applied by the queries themselves: each read that
returns, counts, filters, looks up or walks a hideable thing computes what the author hides from `$viewer` with
one expression (PRIVACY_EXPRESSION below, copied into the `.cypher` files) and leaves it out. So the rows that
leave Neo4j are what this viewer may see, and a field reading a row cannot forget the rule. Only sets can be
filtered where they are read: a filter, a lookup by ORCID iD or a count done in Python after the fact would
have to load what it then hides.

The gateway (loaders/_db.py) passes `$viewer` to every query that names it, so no loader can leave it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

HIDEABLE: Final = ("ORCID", "AFFILIATION", "TOPICS", "COLLABORATORS")

# The fields author `a` hides from `$viewer`, as it stands in the queries (with the author's variable for `a`).
# An anonymous viewer has no id: `claim.userId = null` is null, so coalesce(..., false) keeps the field hidden.
PRIVACY_EXPRESSION: Final = (
    "COLLECT { MATCH (claim:Claim {authorId: a.id}) WHERE NOT $viewer.admin AND NOT coalesce(claim.userId = "
    "$viewer.id, false) UNWIND claim.hiddenFields AS hiddenField RETURN hiddenField }"
)

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


@lru_cache(maxsize=256)
def names_viewer(query: str) -> bool:
    """Whether a query takes `$viewer` (the query texts are constants, so this is asked once per query)."""
    return _NAMES_VIEWER.search(query) is not None
