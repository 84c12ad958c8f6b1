"""The per-request context every resolver gets: who asks, their scoped reader, the DataLoaders, the limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hub.auth.access import Access
from hub.auth.limits import QueryLimits
from hub.auth.sealing import Sealer, store_sealer
from hub.resolvers.loaders import Loaders
from hub.resolvers.pages import PageLimits
from hub.resolvers.reader import Reader

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from hub.auth.viewer import Viewer


@dataclass(slots=True)
class RequestContext:
    access: Access
    reader: Reader
    limits: PageLimits
    query_limits: QueryLimits
    #: answer compilable queries with the look-ahead executor (off: always Strawberry's, for comparison)
    lookahead: bool = True
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.reader)

    @property
    def viewer(self) -> Viewer:
        return self.access.viewer

    @classmethod
    def open(
        cls,
        engine: Engine,
        viewer: Viewer,
        limits: PageLimits,
        *,
        lookahead: bool = True,
        sealer: Sealer | None = None,
    ) -> RequestContext:
        """A context outside the HTTP edge (benchmarks, tests); begin its access with :func:`access.begin`."""
        access = Access(viewer, sealer or store_sealer(engine))
        reader = Reader(engine, region_prefix=viewer.region_prefix)
        return cls(access, reader, limits, QueryLimits(page_cap=limits.cap, default_page=limits.default), lookahead)

    def close(self) -> None:
        self.reader.close()
