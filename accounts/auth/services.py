"""The account services one app shares across requests: hasher, rate limits, OIDC verifier, mailer.

Built once per application, on first use, and kept on the Starlette app state (so peergraph/app.py needs no change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.auth.login_throttle import LoginPolicy, LoginThrottle
from accounts.auth.mailer import Mailer, load_mailer
from accounts.auth.oidc import OidcVerifier
from accounts.auth.passwords import Passwords
from accounts.auth.ratelimit import RateLimits
from peergraph.settings import Settings

STATE_KEY = "account_services"


@dataclass
class AccountServices:
    passwords: Passwords
    limits: RateLimits
    logins: LoginThrottle
    oidc: OidcVerifier
    mailer: Mailer


def build_services(settings: Settings) -> AccountServices:
    limits = RateLimits(settings)
    return AccountServices(
        passwords=Passwords(settings),
        limits=limits,
        logins=LoginThrottle(limits, LoginPolicy.from_settings(settings)),
        oidc=OidcVerifier(settings),
        mailer=load_mailer(settings),
    )


def services_for(state: Any, settings: Settings) -> AccountServices:
    """The services kept on `state` (an app's state), built the first time they are asked for."""
    services: AccountServices | None = getattr(state, STATE_KEY, None)
    if services is None:
        services = build_services(settings)
        setattr(state, STATE_KEY, services)
    return services
