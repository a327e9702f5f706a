"""Module verification that reports the failing op's source location.

xDSL's `ModuleOp.verify()` raises with the whole module printed into the message;
MLIR instead reports `file:line:col: error: 'dialect.op' op <reason>`. This walks the
IR outermost-first (as MLIR's verifier does) and turns the first failure into a
located `DiagnosticError`.
"""

from __future__ import annotations

from xdsl.ir import Operation
from xdsl.utils.exceptions import DiagnosticException

from mopc.core.diagnostics import DiagnosticError

_XDSL_PREFIX = "Operation does not verify: "


def verify_module(root: Operation) -> None:
    """Raise `DiagnosticError` located at the first op that fails to verify."""
    for op in root.walk():
        try:
            op.verify(verify_nested_ops=False)
        except DiagnosticError:
            raise
        except (DiagnosticException, ValueError) as err:
            raise DiagnosticError.at(op, _message_of(err)) from None


def _message_of(err: Exception) -> str:
    text = str(err.args[0]) if err.args else str(err)
    text = text.removeprefix(_XDSL_PREFIX)
    return text.strip()
