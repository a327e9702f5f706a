"""The `graph-to-metaop` pass: every graph op becomes a few meta-ops.

A full conversion: if any graph op is left (a new op without a pattern), the pass
fails with an error at that op. The patterns live in one file per op family; other
pipelines can reuse them through `populate_graph_to_metaop_patterns()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriteWalker,
    RewritePattern,
)

from mopc.core.diagnostics import DiagnosticError, op_name
from mopc.passes.graph_to_metaop import (
    conv,
    elementwise,
    linalg,
    normalization,
    pool,
    reduction,
    shape,
)


def populate_graph_to_metaop_patterns() -> list[RewritePattern]:
    return [
        *elementwise.PATTERNS,
        *conv.PATTERNS,
        *pool.PATTERNS,
        *normalization.PATTERNS,
        *linalg.PATTERNS,
        *reduction.PATTERNS,
        *shape.PATTERNS,
    ]


@dataclass(frozen=True)
class GraphToMetaopPass(ModulePass):
    """Decompose every `graph` op into `metaop` ops (Jittor's meta-operators).

    ```mlir
    // before
    %y = graph.relu %x : tensor<4x8xf32>
    // after
    %0 = metaop.constant dense<0.000000e+00> : tensor<f32>
    %1 = metaop.broadcast %0 dims [0, 1] : tensor<f32> -> tensor<4x8xf32>
    %y = metaop.binary max %x, %1 : tensor<4x8xf32>
    ```

    Convolution becomes `reindex` x `broadcast` -> `reduce add`, pooling a `reindex`
    over windows and a `reduce`, matmul two broadcasts, a multiply and a `reduce add`;
    see docs/dialects/metaop.md for each decomposition.
    """

    name = "graph-to-metaop"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        walker = PatternRewriteWalker(
            GreedyRewritePatternApplier(populate_graph_to_metaop_patterns(), dce_enabled=False),
            apply_recursively=False,
        )
        walker.rewrite_module(op)
        for leftover in op.walk():
            if op_name(leftover).split(".")[0] == "graph":  # unregistered graph ops too
                raise DiagnosticError.at(
                    leftover, "failed to legalize: no graph-to-metaop pattern for this op"
                )
