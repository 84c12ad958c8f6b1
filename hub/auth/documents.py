"""Trusted documents: operations registered by the SHA-256 of their text.

A client held to them (``trusted_only``) may run a registered operation only, sent in full or by
hash alone (``extensions.persistedQuery.sha256Hash``, as Apollo's clients send it); anything else is
refused before it is parsed, so such a client cannot explore the graph beyond what was reviewed.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from graphql import GraphQLError, parse
from sqlalchemy import select

from graph.store import schema

if TYPE_CHECKING:
    from sqlalchemy import Engine

DOCUMENTS = schema.TrustedDocument.__table__


class DocumentError(ValueError):
    """A document cannot be registered as given."""


def document_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def register_document(engine: Engine, text: str) -> str:
    """Register an operation document (it must parse); returns its hash. Registering twice is harmless."""
    try:
        parse(text)
    except GraphQLError as error:
        raise DocumentError(f"the document does not parse: {error.message}") from None
    digest = document_hash(text)
    with engine.begin() as connection:
        if connection.execute(select(DOCUMENTS.c.sha256).where(DOCUMENTS.c.sha256 == digest)).first() is None:
            connection.execute(
                DOCUMENTS.insert().values(
                    sha256=digest, document=text, registered_at=datetime.now(UTC).replace(tzinfo=None)
                )
            )
    return digest


def persisted_hash(extensions: dict[str, Any] | None) -> str | None:
    """The hash a request names in ``extensions.persistedQuery.sha256Hash``, if any."""
    persisted = (extensions or {}).get("persistedQuery")
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    return digest if isinstance(digest, str) else None


class TrustedDocuments:
    """Lookups of registered documents; found ones are remembered (registrations are never withdrawn)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known: dict[str, str] = {}

    def text(self, digest: str) -> str | None:
        known = self._known.get(digest)
        if known is not None:
            return known
        with self.engine.connect() as connection:
            found = connection.execute(
                select(DOCUMENTS.c.document).where(DOCUMENTS.c.sha256 == digest)
            ).scalar_one_or_none()
        if found is not None:
            self._known[digest] = found
        return found

    def is_trusted(self, text: str) -> bool:
        return self.text(document_hash(text)) is not None
