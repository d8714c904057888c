"""The researcher page's actions in a real browser, by two people: register, verify the email (the token from the
test mailer, pasted as the mail's link, or opened as the link), log in, follow and unfollow, claim, open up to
collaboration, and a direct invitation that arrives in the recipient's inbox."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest_asyncio
from neo4j import AsyncDriver

from tests.accounts.outbox import mails_to, verification_token
from tests.accounts.support import PASSWORD
from tests.api.sample_truth import sample_truth
from tests.conftest import SAMPLE_MARKER
from tests.web import expected
from tests.web.conftest import OpenTab, Tab

RECIPIENT_AUTHOR = "A5017898742"  # Joseph Mearman
SENDER_AUTHOR = "A5065371627"  # Panagiotis D. Ritsos
LOCKED = "Claim this author entity first to unlock direct invitations."


@pytest_asyncio.fixture(loop_scope="session")
async def writes_to_the_sample(sample_db: AsyncDriver) -> AsyncIterator[AsyncDriver]:
    """This test leaves accounts and claims on sample authors: the next test that wants the sample reloads it."""
    yield sample_db
    await sample_db.execute_query("MATCH (m:_TestFixture {name: $name}) DELETE m", name=SAMPLE_MARKER)


async def token_for(email: str) -> str:
    deadline = time.monotonic() + 10
    while not mails_to(email):
        assert time.monotonic() < deadline, f"no mail to {email}"
        await asyncio.sleep(0.05)
    return verification_token(email)


async def register(tab: Tab, name: str, email: str) -> None:
    """From an open account dialog: the Register tab, the form, and the verification step it leads to."""
    page = tab.page
    await page.click("dialog .tabs >> text=Register")
    await page.fill('dialog input[name="displayName"]', name)
    await page.fill('dialog input[name="email"]', email)
    await page.fill('dialog input[name="password"]', PASSWORD)
    await page.click('dialog button[type="submit"]')
    await page.wait_for_selector('dialog input[name="token"]')


async def log_in(tab: Tab, email: str, name: str) -> None:
    page = tab.page
    await page.fill('dialog input[name="email"]', email)
    await page.fill('dialog input[name="password"]', PASSWORD)
    await page.click('dialog button[type="submit"]')
    await page.wait_for_selector("dialog", state="hidden")
    assert await page.inner_text(".account-menu .who") == name


async def press(tab: Tab, name: str) -> None:
    """Click the page's button of that exact name (not a text that merely contains it)."""
    await tab.page.locator("main").get_by_role("button", name=name, exact=True).click()


async def claim(tab: Tab) -> None:
    await press(tab, "Claim this author")
    await tab.page.wait_for_selector(".claimed-by-you")
    assert await tab.page.inner_text(".claim-state") == "Claimed author"


def claimed_trust(author: str) -> str:
    """docs/trust.md: a claim by a verified email is L2 (20 instead of 5) plus 10 for the claim."""
    score = expected.unclaimed_trust(sample_truth(), author) - 5 + 20 + 10
    label = "Trusted" if score >= 70 else "Verified" if score >= 40 else "Unverified"
    return f"Trust {score} · {label}"


async def test_follow_claim_and_invite_through_the_page(writes_to_the_sample: AsyncDriver, new_tab: OpenTab) -> None:
    stamp = time.monotonic_ns()
    owner_email, sender_email = f"owner-{stamp}@example.org", f"sender-{stamp}@example.org"
    message = f"Shall we write about immersive analytics together? ({stamp})"

    # The owner: "Log in to claim" -> register -> paste the mail's link -> log in -> claim -> open to collaborate.
    owner = await new_tab()
    await owner.goto(f"/authors/{RECIPIENT_AUTHOR}")
    await press(owner, "Log in to claim")
    await register(owner, "Olive Owner", owner_email)
    link = owner.url(f"/verify?token={await token_for(owner_email)}")
    await owner.page.fill('dialog input[name="token"]', link)
    await owner.page.click('dialog button[type="submit"]')
    await owner.page.wait_for_selector("dialog .why >> text=Email verified: log in.")
    await log_in(owner, owner_email, "Olive Owner")
    await claim(owner)
    assert await owner.page.inner_text(".trust-label") == claimed_trust(RECIPIENT_AUTHOR)
    assert await owner.page.inner_text(".trust .level") == "Verification L2"
    await owner.page.check('input[name="openToCollaborate"]')
    await press(owner, "Save settings")
    await owner.page.wait_for_selector(".head .badge.open")
    await owner.page.wait_for_selector(".inbox >> text=No invitations yet.")

    # The sender: "Log in to follow" -> register -> open the mail's link -> log in.
    sender = await new_tab()
    await sender.goto(f"/authors/{RECIPIENT_AUTHOR}")
    assert await sender.page.inner_text('[data-count="followers"] dd') == "0"
    await press(sender, "Log in to follow")
    await register(sender, "Sam Sender", sender_email)
    await sender.goto(f"/verify?token={await token_for(sender_email)}")
    await sender.page.wait_for_selector("text=Your email is verified.")
    await press(sender, "Log in")
    await log_in(sender, sender_email, "Sam Sender")

    # Follow: the count goes up by one, and back down on unfollow.
    await sender.goto(f"/authors/{RECIPIENT_AUTHOR}")
    await press(sender, "Follow researcher")
    await sender.page.wait_for_selector('[data-followers="1"]')
    assert await sender.page.inner_text('[data-count="followers"] dd') == "1"
    assert await sender.page.inner_text(".followers") == "1 follower"
    await press(sender, "Unfollow")
    await sender.page.wait_for_selector('[data-followers="0"]')
    assert await sender.page.inner_text('[data-count="followers"] dd') == "0"

    # Direct collaboration stays locked until the sender's own author is claimed.
    assert await sender.page.inner_text(".collaboration .locked-note") == LOCKED
    await sender.goto(f"/authors/{SENDER_AUTHOR}")
    await claim(sender)
    await sender.goto(f"/authors/{RECIPIENT_AUTHOR}")
    await sender.page.fill(".collaboration textarea", message)
    await press(sender, "Send invitation")
    await sender.page.wait_for_selector(".collaboration .sent >> text=Invitation sent.")
    await sender.shot("researcher-actions-sender")

    # The owner's inbox shows it, from the sender.
    await owner.page.reload()
    await owner.page.wait_for_selector(".invitation")
    assert await owner.page.inner_text(".invitation blockquote") == message
    assert "Sam Sender" in await owner.page.inner_text(".invitation")
    assert await owner.page.get_attribute(".invitation", "data-status") == "PENDING"
    await owner.shot("researcher-actions-owner")
