"""Served stores with the rules run over them, for the findings and mutation tests.

The hand-made store (``tests/api/data.py``) in a store of its own (mutations change it; the other API
tests must not see that), with its findings counted by hand below; and any other opened store (the
session's county, copied) served the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from graph.rules import run_rules
from graph.store import Store
from hub.auth.clients import add_client
from hub.resolvers.pages import PageLimits
from tests.api.conftest import ALL_SCOPES, Hub
from tests.api.data import populate

if TYPE_CHECKING:
    from tests.api.conftest import Servers

#: The findings the rules make of the hand-made store, per rule (the other rules make none): by hand.
HAND_FINDINGS = {
    # H2 in 2024-05 (P4 unemployed, P5 semi-weak) and 2024-06 (no status: P4's 2023-05 one is outside the
    # months checked), H1 in 2024-06 (no status for P1 or P2), H3 in 2024-06 (P6 returned home), H4 (瑞金) both
    "ZERO_EMPLOYMENT_HOUSEHOLD": 6,
    # laborers without a visit: P2, P5 and P7 in both months, P1 and P4 in 2024-06
    "FOLLOWUP_MISSING": 8,
    "PAYMENT_TO_UNREGISTERED": 1,  # V7, to P8
    "POST_PAYMENT_WITHOUT_PLACEMENT": 1,  # V6: P7 holds no post
    "EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT": 1,  # V2: HR has P2 in E2's workshop, not hired by E2
    "SHARED_BANK_ACCOUNT": 1,  # P5 (H2) and P7 (H4) are paid into one account
}
#: 瑞金市: H4's two zero-employment months, P7's two missing visits, and V6 (paid by 瑞金).
RUIJIN, RUIJIN_FINDINGS = "360781", 5
SCOPED_CLIENT = "ruijin-township"


@dataclass
class RuledHub(Hub):
    """A served, ruled store; ``scoped_key`` is a client with every scope but only 瑞金市 (360781)."""

    scoped_key: str

    def scoped(self) -> Hub:
        return Hub(self.url, self.scoped_key, self.engine)

    def count(self, sql: str, **params: Any) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(text(sql), params).scalar_one())


@contextmanager
def ruled_store_hub(store: Store, serve: Servers) -> Iterator[RuledHub]:
    """Serve an opened store whose rules have run, with an all-seeing client and a 瑞金-scoped one."""
    key = add_client(store.engine, "findings-test", ALL_SCOPES, introspection=True)
    scoped = add_client(store.engine, SCOPED_CLIENT, ALL_SCOPES, RUIJIN)
    served = serve(store.engine, PageLimits(default=20, cap=100))
    try:
        yield RuledHub(served, key, store.engine, scoped)
    finally:
        serve.stop(served)


@contextmanager
def ruled_hand_hub(url: str, serve: Servers) -> Iterator[RuledHub]:
    """The hand-made store at ``url`` (a fresh database), the rules run over it, served."""
    store = Store.open(url)
    try:
        populate(store.engine)
        run_rules(store.engine)
        with ruled_store_hub(store, serve) as hub:
            yield hub
    finally:
        store.close()
