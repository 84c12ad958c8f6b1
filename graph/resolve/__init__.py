"""Identity resolution and derived data: unified employment, payment effectiveness, conflicts."""

from graph.resolve.resolver import resolve

__all__ = ["resolve"]
