"""API keys: ``hub_<key id>_<secret>``; the store keeps the key id and a SHA-256 of the secret only.

A secret is 32 random bytes, so a fast hash is the right one (there is nothing to brute-force), and the
key id finds the client without scanning every hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

PREFIX = "hub"


@dataclass(frozen=True, slots=True)
class IssuedKey:
    key_id: str
    secret: str

    @property
    def text(self) -> str:
        return f"{PREFIX}_{self.key_id}_{self.secret}"

    @property
    def secret_hash(self) -> str:
        return hash_secret(self.secret)


def new_key() -> IssuedKey:
    return IssuedKey(key_id=secrets.token_hex(8), secret=secrets.token_urlsafe(32))


def parse_key(text: str) -> tuple[str, str] | None:
    """``(key id, secret)`` of a key's text, or None when it is not shaped like one."""
    prefix, _, rest = text.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or len(key_id) != 16 or not secret:
        return None
    return key_id, secret


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)
