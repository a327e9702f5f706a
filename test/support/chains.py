"""Graph chains shared by the lowering and fusion tests: each returns `(build, x)`,
where `build(builder, x_value)` adds the chain and `x` is a seeded random input.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mopc.dialects import graph as g

BN_PARAMS = ("weight", "bias", "mean", "var")


def rand(rng: np.random.Generator, shape: Sequence[int], low: float = -2.0, high: float = 2.0) -> np.ndarray:
    return rng.uniform(low, high, shape).astype(np.float32)


def _bn(rng: np.random.Generator, c: int) -> list[np.ndarray]:
    return [rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,)), rand(rng, (c,), 0.1, 1.0)]


def strided_conv_bn_relu_pool(rng: np.random.Generator):
    """ResNet's stem in miniature: conv 7x7-like padding and stride 2, BN, ReLU, max-pool."""
    w = rand(rng, (4, 3, 3, 3))
    bn = _bn(rng, 4)

    def build(b, x):
        y = b.add(g.Conv2dOp(x, b.param("conv1.weight", w), strides=(2, 2), pads=(3, 3, 3, 3)), name="conv1")
        params = [b.param(f"bn1.{n}", a) for n, a in zip(BN_PARAMS, bn, strict=True)]
        y = b.add(g.BatchNormOp(y, *params), name="bn1")
        y = b.add(g.ReluOp(y), name="relu")
        return b.add(g.MaxPool2dOp(y, kernel=(3, 3), strides=(2, 2), pads=(1, 1, 1, 1)), name="pool")

    return build, rand(rng, (1, 3, 9, 9))


def residual_block(rng: np.random.Generator, c: int = 4):
    """conv-bn-relu-conv-bn, plus the identity, then ReLU."""
    w1, w2 = rand(rng, (c, c, 3, 3), -0.5, 0.5), rand(rng, (c, c, 3, 3), -0.5, 0.5)
    bns = [_bn(rng, c) for _ in range(2)]

    def build(b, x):
        y = x
        for i, w in enumerate((w1, w2), start=1):
            y = b.add(g.Conv2dOp(y, b.param(f"conv{i}.weight", w), pads=(1, 1, 1, 1)), name=f"conv{i}")
            p = [b.param(f"bn{i}.{n}", a) for n, a in zip(BN_PARAMS, bns[i - 1], strict=True)]
            y = b.add(g.BatchNormOp(y, *p), name=f"bn{i}")
            if i == 1:
                y = b.add(g.ReluOp(y), name="relu1")
        y = b.add(g.AddOp(y, x), name="add")
        return b.add(g.ReluOp(y), name="relu2")

    return build, rand(rng, (2, c, 5, 5))
