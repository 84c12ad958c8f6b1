"""The one failure the kit raises: which check, which stream and record, what was found, what was expected."""

from __future__ import annotations


class ContractViolation(AssertionError):
    """A connector breaks its contract; the message starts with the check's name so reports group by it.

    It is an ``AssertionError`` so pytest reports it as a failed test, not as an error in the kit.
    """

    def __init__(
        self,
        check: str,
        problem: str,
        *,
        expected: str,
        connector: str | None = None,
        stream: str | None = None,
        record: str | None = None,
    ) -> None:
        self.check = check
        self.connector = connector
        self.stream = stream
        self.record = record
        self.problem = problem
        self.expected = expected
        where = []
        if connector:
            where.append(f"connector {connector}")
        if stream:
            where.append(f"stream {stream}")
        if record is not None:
            where.append(f"record {record!r}")
        prefix = f"{' '.join(where)}: " if where else ""
        super().__init__(f"{check}: {prefix}{problem}; expected {expected}")

    def without(self, secrets: tuple[str, ...]) -> ContractViolation:
        """The same violation with every secret in its text replaced by ``****``."""
        hidden = [self.problem, self.expected]
        for secret in filter(None, secrets):
            hidden = [text.replace(secret, "****") for text in hidden]
        return ContractViolation(
            self.check,
            hidden[0],
            expected=hidden[1],
            connector=self.connector,
            stream=self.stream,
            record=self.record,
        )
