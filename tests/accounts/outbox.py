"""A mailer for tests: keeps every message in memory (the API runs in the test process, in a thread)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from peergraph.settings import Settings

_TOKEN = re.compile(r"^token: (\S+)$", re.MULTILINE)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


SENT: list[Mail] = []
_LOCK = threading.Lock()


class OutboxMailer:
    def __init__(self, settings: Settings) -> None:
        del settings

    async def send(self, to: str, subject: str, body: str) -> None:
        with _LOCK:
            SENT.append(Mail(to, subject, body))


def mails_to(address: str) -> list[Mail]:
    with _LOCK:
        return [m for m in SENT if m.to == address.lower()]


def verification_token(address: str) -> str:
    """The token in the latest verification mail to `address`."""
    for mail in reversed(mails_to(address)):
        match = _TOKEN.search(mail.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no verification mail to {address}")
