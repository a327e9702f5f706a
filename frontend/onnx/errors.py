"""Located errors for ONNX models: every message names the model file, and the node
when there is one, the way `mopc.core.diagnostics` prints graph-node positions:

    resnet18.onnx: node 'layer1.0.conv1': error: Conv: 'group' 3 does not divide ...
    resnet18.onnx: error: unsupported ONNX operators: LRN (2 nodes: norm1, norm2)

The location attached to every imported op is `loc("node"("model.onnx":0:0))`: a
`NameLoc` naming the node around the file (line 0 means "no line"), so errors raised at
any later level (verifier, lowering, code generation) print the same position.
"""

from __future__ import annotations

from xdsl.dialects.builtin import FileLineColLoc, IntAttr, NameLoc, StringAttr

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity, SourcePos


def node_location(file: str, node: str) -> NameLoc:
    """The MLIR location of an op imported from node `node` of model `file`."""
    return NameLoc(StringAttr(node), FileLineColLoc(StringAttr(file), IntAttr(0), IntAttr(0)))


def model_error(file: str, message: str) -> DiagnosticError:
    """An error about the whole model (`model.onnx: error: ...`)."""
    return DiagnosticError(Diagnostic(Severity.ERROR, message, SourcePos(file)))


def node_error(file: str, node: str, message: str) -> DiagnosticError:
    """An error at one node (`model.onnx: node 'conv1': error: ...`)."""
    return DiagnosticError(Diagnostic(Severity.ERROR, message, SourcePos(file, node=node)))
