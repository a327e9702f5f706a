"""Module verification that reports the failing op's source location.

xDSL's `ModuleOp.verify()` raises with the whole module printed into the message;
MLIR instead reports `file:line:col: error: 'dialect.op' op <reason>`. This walks the
IR outermost-first (as MLIR's verifier does) and turns the first failure into a
located `DiagnosticError`.
"""

from __future__ import annotations

import re

from xdsl.dialects.builtin import StringAttr
from xdsl.ir import Operation
from xdsl.utils.exceptions import DiagnosticException

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, position_of

_XDSL_PREFIX = "Operation does not verify: "


def verify_module(root: Operation) -> None:
    """Raise `DiagnosticError` located at the first op that fails to verify."""
    for op in root.walk():
        try:
            op.verify(verify_nested_ops=False)
        except DiagnosticError:
            raise
        except (DiagnosticException, ValueError) as err:
            message = _message_of(err)
            raise _redefinition(op, message) or DiagnosticError.at(op, message) from None


def _redefinition(table: Operation, message: str) -> DiagnosticError | None:
    """MLIR reports a duplicate symbol at its second definition, with a note at the first;
    xDSL at the symbol table, which for the implicit top-level module has no location."""
    match = re.fullmatch(r'Redefinition of symbol "(.*)"', message)
    if match is None or len(table.regions) != 1 or len(table.regions[0].blocks) != 1:
        return None
    name = match.group(1)
    defs = [
        o for o in table.regions[0].blocks[0].ops
        if isinstance(sym := o.get_attr_or_prop("sym_name"), StringAttr) and sym.data == name
    ]
    if len(defs) < 2:
        return None
    error = DiagnosticError.at(defs[1], f"redefinition of symbol named '{name}'")
    first = position_of(defs[0].location)
    error.diagnostic.notes.append(
        Diagnostic(Severity.NOTE, "see existing symbol definition here", first)
    )
    return error


def _message_of(err: Exception) -> str:
    text = str(err.args[0]) if err.args else str(err)
    text = text.removeprefix(_XDSL_PREFIX)
    return text.strip()
