"""*check*: a good source passes ``check()``; a wrong location, a missing table or bad credentials fail clearly.

Clearly means a ``ConnectorError`` (the framework's ``SourceUnreachable`` or ``SourceSchemaMismatch``)
whose message names what is wrong and shows no secret — never another exception, never silence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from connectors.contract.case import BrokenSource
from connectors.contract.secrets import leaked, masked, password_of, scrub, sensitive_values
from connectors.framework import ConnectorError

if TYPE_CHECKING:
    from connectors.contract.run import ContractRun

CHECK = "check"
#: Appended to the fixture source's location to make a location that cannot exist.
MISSING = "contract-kit-no-such-source"
CLEAR = "a ConnectorError (SourceUnreachable or SourceSchemaMismatch) naming what is wrong"


def check_connection(run: ContractRun) -> None:
    """The fixture source passes; every broken source (and a wrong location the kit makes) is refused."""
    with run.connector(CHECK) as connector:
        secrets = sensitive_values(connector.settings, run.case.secrets)
        try:
            connector.check()
        except Exception as error:  # any failure on the good source is the violation
            raise run.violation(
                CHECK,
                f"check() raised {type(error).__name__} on the fixture source: {scrub(str(error), secrets)}",
                expected="check() to return on a reachable source with every declared table",
            ) from error
    wrong = BrokenSource(f"{run.case.location.rstrip('/')}/{MISSING}", "a wrong location", match=re.escape(MISSING))
    for broken in (*run.case.broken, wrong):
        _refused(run, broken)


def _refused(run: ContractRun, broken: BrokenSource) -> None:
    secrets = [*run.case.secrets, *filter(None, [password_of(broken.location)])]
    shown = masked(broken.location)
    try:
        connector = run.case.connector_type.from_location(broken.location)
    except ConnectorError as error:
        message = str(error)
    except Exception as error:  # a traceback where a clear failure was due
        raise run.violation(
            CHECK,
            f"from_location({shown!r}) with {broken.problem} raised {type(error).__name__}: "
            f"{scrub(str(error), secrets)}",
            expected=CLEAR,
        ) from error
    else:
        try:
            connector.check()
        except ConnectorError as error:
            message = str(error)
        except Exception as error:  # a traceback where a clear failure was due
            raise run.violation(
                CHECK,
                f"check() on {shown!r} with {broken.problem} raised {type(error).__name__}: "
                f"{scrub(str(error), secrets)}",
                expected=CLEAR,
            ) from error
        else:
            raise run.violation(CHECK, f"check() passed on {shown!r}, a source with {broken.problem}", expected=CLEAR)
        finally:
            connector.close()
    if found := leaked(message, secrets):
        raise run.violation(
            CHECK,
            f"the error for {broken.problem} shows a secret: {scrub(message, [found])}",
            expected="no secret in error messages",
        )
    if broken.match is not None and not re.search(broken.match, message):
        raise run.violation(
            CHECK,
            f"check() on {shown!r} with {broken.problem} said {scrub(message, secrets)!r}",
            expected=f"a message naming what is wrong (one matching /{broken.match}/)",
        )
