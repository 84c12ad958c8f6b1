"""Which strings are secret for a connector, and catching them in logs and messages.

A secret is the value of a ``SecretStr`` setting, except that for a URL only its password is (a
database URL is secret because it may hold one; its host and path may be printed). The case may add
more, e.g. a password that lives in a URL the kit was handed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, SecretStr

#: Setting names that hold credentials or what may embed them (a URL, a DSN).
SECRET_NAME = re.compile(
    r"pass(word|wd)?|secret|token|api_?key|credential|private_key|url|dsn|conn(ection)?_?str", re.I
)


def password_of(value: str) -> str | None:
    """The password in a URL-shaped value, if it has one."""
    if "://" not in value:
        return None
    try:
        return urlsplit(value).password or None
    except ValueError:
        return None


def masked(value: str) -> str:
    """``value`` fit for a message: a URL's password replaced by ``***``."""
    password = password_of(value)
    return value.replace(f":{password}@", ":***@") if password else value


def sensitive_values(settings: BaseModel, extra: Iterable[str] = ()) -> list[str]:
    """The strings that must never be printed: secret settings (a URL's password only) and ``extra``."""
    found = [value for value in extra if value]
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            raw = value.get_secret_value()
            secret = password_of(raw) if "://" in raw else raw
            if secret:
                found.append(secret)
    return found


def leaked(text: str, secrets: Iterable[str]) -> str | None:
    """The first secret ``text`` shows, if any."""
    return next((secret for secret in secrets if secret and secret in text), None)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by ``****``, for the kit's own messages."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "****")
    return text


def hint(secret: str) -> str:
    """A secret named without showing it: its first character and length."""
    return f"{secret[:1]}… ({len(secret)} characters)"


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {record.exc_info[1]!r}"
        self.messages.append(text)


@contextmanager
def captured_logs() -> Iterator[list[str]]:
    """Every log message emitted inside the block, at every level, from every logger."""
    root = logging.getLogger()
    collector = _Collector()
    level = root.level
    root.addHandler(collector)
    root.setLevel(logging.DEBUG)
    try:
        yield collector.messages
    finally:
        root.setLevel(level)
        root.removeHandler(collector)


def annotation_is_secret(annotation: Any) -> bool:
    """Whether a settings field's type is ``SecretStr`` (possibly optional)."""
    if annotation is SecretStr:
        return True
    return any(arg is SecretStr for arg in getattr(annotation, "__args__", ()))
