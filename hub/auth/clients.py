"""Departmental clients in the store: issue, rotate and revoke keys, and authenticate a request.

The client is looked up on every request (one indexed query), so a revoked or rotated key stops
working at once, in every worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from graph.store import schema
from hub.auth.keys import new_key, parse_key, secret_matches
from hub.auth.scopes import parse_scopes
from hub.auth.viewer import Viewer

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

CLIENTS = schema.Client.__table__


class Unauthenticated(Exception):
    """The request carries no valid key; the message says what to send instead."""


class ClientError(ValueError):
    """A client cannot be created or changed as asked."""


@dataclass(frozen=True, slots=True)
class ClientInfo:
    name: str
    scopes: tuple[str, ...]
    region_prefix: str
    introspection: bool
    trusted_only: bool
    created_at: datetime
    rotated_at: datetime | None
    revoked_at: datetime | None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _region(region_prefix: str) -> str:
    if region_prefix and not (region_prefix.isascii() and region_prefix.isdigit() and len(region_prefix) <= 12):
        raise ClientError(f"region {region_prefix!r} is not a division-code prefix; expected 1 to 12 digits")
    return region_prefix


def add_client(
    engine: Engine,
    name: str,
    scopes: str,
    region_prefix: str = "",
    *,
    introspection: bool = False,
    trusted_only: bool = False,
) -> str:
    """Create a client and return its key (shown once: only a hash is kept)."""
    if not name.strip():
        raise ClientError("client name is empty; expected a name such as 'county-hr-360732'")
    try:
        granted = parse_scopes(scopes)
    except ValueError as error:
        raise ClientError(str(error)) from None
    key = new_key()
    with engine.begin() as connection:
        if connection.execute(select(CLIENTS.c.id).where(CLIENTS.c.name == name)).first() is not None:
            raise ClientError(f"client {name!r} exists; rotate its key with `hub clients rotate {name}`")
        connection.execute(
            CLIENTS.insert().values(
                name=name,
                key_id=key.key_id,
                key_hash=key.secret_hash,
                scopes=",".join(sorted(granted)),
                region_prefix=_region(region_prefix),
                allow_introspection=introspection,
                trusted_documents_only=trusted_only,
                created_at=_now(),
            )
        )
    return key.text


def rotate_key(engine: Engine, name: str) -> str:
    """A new key for a client; the old one stops working at once (a revoked client is re-enabled)."""
    key = new_key()
    with engine.begin() as connection:
        result = connection.execute(
            CLIENTS.update()
            .where(CLIENTS.c.name == name)
            .values(key_id=key.key_id, key_hash=key.secret_hash, rotated_at=_now(), revoked_at=None)
        )
    if result.rowcount == 0:
        raise ClientError(f"no client named {name!r}; create it with `hub clients add {name} --scopes ...`")
    return key.text


def revoke(engine: Engine, name: str) -> None:
    with engine.begin() as connection:
        result = connection.execute(CLIENTS.update().where(CLIENTS.c.name == name).values(revoked_at=_now()))
    if result.rowcount == 0:
        raise ClientError(f"no client named {name!r}")


def list_clients(engine: Engine) -> list[ClientInfo]:
    columns = (
        CLIENTS.c.name,
        CLIENTS.c.scopes,
        CLIENTS.c.region_prefix,
        CLIENTS.c.allow_introspection,
        CLIENTS.c.trusted_documents_only,
        CLIENTS.c.created_at,
        CLIENTS.c.rotated_at,
        CLIENTS.c.revoked_at,
    )
    with engine.connect() as connection:
        rows = connection.execute(select(*columns).order_by(CLIENTS.c.name)).all()
    return [
        ClientInfo(
            row.name,
            tuple(filter(None, row.scopes.split(","))),
            row.region_prefix,
            bool(row.allow_introspection),
            bool(row.trusted_documents_only),
            row.created_at,
            row.rotated_at,
            row.revoked_at,
        )
        for row in rows
    ]


def authenticate(connection: Connection, authorization: str | None) -> Viewer:
    """The client an ``Authorization: Bearer <key>`` header names, or :class:`Unauthenticated`."""
    if not authorization:
        raise Unauthenticated("missing API key; send the header 'Authorization: Bearer <key>'")
    scheme, _, token = authorization.partition(" ")
    parsed = parse_key(token.strip()) if scheme.lower() == "bearer" else None
    if parsed is None:
        raise Unauthenticated("malformed Authorization header; expected 'Bearer hub_<key id>_<secret>'")
    key_id, secret = parsed
    row = connection.execute(
        select(
            CLIENTS.c.name,
            CLIENTS.c.key_hash,
            CLIENTS.c.scopes,
            CLIENTS.c.region_prefix,
            CLIENTS.c.allow_introspection,
            CLIENTS.c.trusted_documents_only,
            CLIENTS.c.revoked_at,
        ).where(CLIENTS.c.key_id == key_id)
    ).first()
    if row is None or row.revoked_at is not None or not secret_matches(secret, row.key_hash):
        raise Unauthenticated("invalid or revoked API key")
    return Viewer(
        name=row.name,
        scopes=frozenset(filter(None, row.scopes.split(","))),
        region_prefix=row.region_prefix,
        introspection=bool(row.allow_introspection),
        trusted_only=bool(row.trusted_documents_only),
    )
