"""Sealed tokens: global IDs and page cursors that carry natural keys without showing them.

A laborer's natural key is a citizen ID, so a plain ``base64("Laborer:3607…")`` ID or a cursor of the
last row's key would hand every client the identifiers masking hides. They are sealed instead with
deterministic authenticated encryption (AES-SIV): the same object always has the same ID, a client
cannot read or forge one, and the hub opens it again without a lookup table. The key is generated once
per store and shared by every worker through it.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from graph.store import schema

if TYPE_CHECKING:
    from sqlalchemy import Engine

SECRETS = schema.HubSecret.__table__
KEY_NAME = "token-seal-key"


class Sealer:
    def __init__(self, key: bytes) -> None:
        self._cipher = AESSIV(key)
        self.seal = lru_cache(maxsize=65536)(self._seal)

    def _seal(self, text: str) -> str:
        return base64.urlsafe_b64encode(self._cipher.encrypt(text.encode(), None)).rstrip(b"=").decode()

    def open(self, token: str) -> str | None:
        """The text sealed in ``token``, or None when it is not a token this hub sealed."""
        try:
            sealed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            return self._cipher.decrypt(sealed, None).decode()
        except (binascii.Error, ValueError, InvalidTag, UnicodeDecodeError):
            return None


def store_sealer(engine: Engine) -> Sealer:
    """The sealer of the store's key, created on first use (two workers racing agree on the first one)."""
    query = select(SECRETS.c.value).where(SECRETS.c.name == KEY_NAME)
    with engine.connect() as connection:
        stored = connection.execute(query).scalar_one_or_none()
    if stored is None:
        try:
            with engine.begin() as connection:
                connection.execute(
                    SECRETS.insert().values(
                        name=KEY_NAME,
                        value=secrets.token_hex(64),
                        created_at=datetime.now(UTC).replace(tzinfo=None),
                    )
                )
        except IntegrityError:
            pass
        with engine.connect() as connection:
            stored = connection.execute(query).scalar_one()
    return Sealer(bytes.fromhex(stored))
