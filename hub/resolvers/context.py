"""The per-request context every resolver gets: who asks, their scoped reader, the DataLoaders, the limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hub.resolvers.loaders import Loaders
from hub.resolvers.pages import PageLimits
from hub.resolvers.reader import Reader

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from hub.auth.viewer import Viewer


@dataclass(slots=True)
class RequestContext:
    viewer: Viewer
    reader: Reader
    limits: PageLimits
    #: answer compilable queries with the look-ahead executor (off: always Strawberry's, for comparison)
    lookahead: bool = True
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.reader)

    @classmethod
    def open(cls, engine: Engine, viewer: Viewer, limits: PageLimits, *, lookahead: bool = True) -> RequestContext:
        return cls(viewer, Reader(engine, region_prefix=viewer.region_prefix), limits, lookahead)

    def close(self) -> None:
        self.reader.close()
