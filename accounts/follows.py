"""Following authors: follow, unfollow (both idempotent), the viewer's `following` list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.auth.ratelimit import Throttled
from accounts.db import now_iso, read, write
from cypher import account as q
from loaders.paging import Page
from loaders.relation import forget
from peergraph.context import Info
from peergraph.errors import not_found, rate_limited
from resolvers.ids import entity_id

if TYPE_CHECKING:  # the row shapes sit next to the types that read them
    from schema.accounts.viewer import FollowedAuthorRow


async def set_following(info: Info, *, author_id: str, follow: bool) -> str:
    """Follow or unfollow; returns the author's short id. The social loaders forget the author so the
    same request reads the new follower count and viewerIsFollowing."""
    ctx, acc = info.context, info.context.account
    viewer = await acc.viewer.require()
    aid = entity_id(author_id, "author")
    try:
        await acc.services.limits.hit(ctx.driver, "follow", viewer.id, ctx.settings.follows_per_user)
    except Throttled as exc:
        raise rate_limited("too many follow changes; try again later", exc.retry_after) from None
    if follow:
        rows = await write(ctx, q.FOLLOW_AUTHOR, userId=viewer.id, authorId=aid, now=now_iso())
    else:
        rows = await write(ctx, q.UNFOLLOW_AUTHOR, userId=viewer.id, authorId=aid)
    if not rows:
        raise not_found(f"no author {aid}")
    forget(ctx.loaders.facts, aid)
    return aid


async def following(info: Info, *, user_id: str, skip: int, limit: int) -> Page[FollowedAuthorRow]:
    rows = await read(info.context, q.FOLLOWING_PAGE, userId=user_id, skip=skip, limit=limit)
    return Page(rows[0]["authors"], skip, rows[0]["total"])
