"""Outgoing mail, pluggable: `settings.mailer` names a class ("module:Class") built with the settings."""

from __future__ import annotations

import importlib
import logging
from typing import Protocol

from peergraph.settings import Settings

log = logging.getLogger("peergraph.mail")


class Mailer(Protocol):
    async def send(self, to: str, subject: str, body: str) -> None: ...


class LogMailer:
    """The default: writes each message to the log (development; no mail leaves the machine)."""

    def __init__(self, settings: Settings) -> None:
        del settings

    async def send(self, to: str, subject: str, body: str) -> None:
        log.info("mail to=%s subject=%s\n%s", to, subject, body)


def load_mailer(settings: Settings) -> Mailer:
    module_name, _, class_name = settings.mailer.partition(":")
    factory = getattr(importlib.import_module(module_name), class_name)
    mailer: Mailer = factory(settings)
    return mailer
