"""ResNet-18/34 (torchvision's architecture) in the graph dialect, with seeded weights.

    module, ctx = resnet18(batch=1, image=224, seed=0)

Convolutions have no bias and are followed by batch norm, as in torchvision; the
parameters are `dense_resource` constants held in the returned context, named like
torchvision's state dict (`layer1.0.conv1.weight`, `layer1.0.bn1.running_mean`, ...).
"""

from __future__ import annotations

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder


class _ResNetBuilder:
    def __init__(self, batch: int, image: int, seed: int):
        self.b = GraphBuilder("main")
        self.rng = np.random.default_rng(seed)
        self.x = self.b.input("input", (batch, 3, image, image))

    def weight(self, name: str, shape: tuple[int, ...], fan_in: int) -> SSAValue:
        scale = np.sqrt(2.0 / fan_in)  # He initialisation keeps activations O(1)
        return self.b.param(name, (self.rng.standard_normal(shape) * scale).astype(np.float32))

    def conv(self, x: SSAValue, name: str, out: int, kernel: int, stride: int) -> SSAValue:
        cin = x.type.get_shape()[1]
        w = self.weight(f"{name}.weight", (out, cin, kernel, kernel), cin * kernel * kernel)
        pad = kernel // 2
        op = g.Conv2dOp(x, w, strides=(stride, stride), pads=(pad,) * 4)
        return self.b.add(op, name=name)

    def bn(self, x: SSAValue, name: str) -> SSAValue:
        c = x.type.get_shape()[1]
        rng = self.rng
        scale = self.b.param(f"{name}.weight", rng.uniform(0.5, 1.5, c).astype(np.float32))
        bias = self.b.param(f"{name}.bias", rng.uniform(-0.1, 0.1, c).astype(np.float32))
        mean = self.b.param(f"{name}.running_mean", rng.uniform(-0.1, 0.1, c).astype(np.float32))
        var = self.b.param(f"{name}.running_var", rng.uniform(0.5, 1.5, c).astype(np.float32))
        return self.b.add(g.BatchNormOp(x, scale, bias, mean, var, 1e-5), name=name)

    def relu(self, x: SSAValue, name: str) -> SSAValue:
        return self.b.add(g.ReluOp(x), name=name)

    def basic_block(self, x: SSAValue, name: str, out: int, stride: int) -> SSAValue:
        y = self.relu(self.bn(self.conv(x, f"{name}.conv1", out, 3, stride), f"{name}.bn1"), f"{name}.relu1")
        y = self.bn(self.conv(y, f"{name}.conv2", out, 3, 1), f"{name}.bn2")
        shortcut = x
        if stride != 1 or x.type.get_shape()[1] != out:
            shortcut = self.bn(self.conv(x, f"{name}.downsample.0", out, 1, stride), f"{name}.downsample.1")
        return self.relu(self.b.add(g.AddOp(y, shortcut), name=f"{name}.add"), f"{name}.relu2")


def resnet(depths: tuple[int, ...], batch: int = 1, image: int = 224, classes: int = 1000,
           seed: int = 0) -> tuple[ModuleOp, Context]:
    r = _ResNetBuilder(batch, image, seed)
    y = r.relu(r.bn(r.conv(r.x, "conv1", 64, 7, 2), "bn1"), "relu")
    y = r.b.add(g.MaxPool2dOp(y, kernel=(3, 3), strides=(2, 2), pads=(1, 1, 1, 1)), name="maxpool")
    for stage, (blocks, width) in enumerate(zip(depths, (64, 128, 256, 512), strict=True)):
        for index in range(blocks):
            stride = 2 if stage > 0 and index == 0 else 1
            y = r.basic_block(y, f"layer{stage + 1}.{index}", width, stride)
    y = r.b.add(g.GlobalAvgPoolOp(y), name="avgpool")
    y = r.b.add(g.FlattenOp(y, 1), name="flatten")
    w = r.weight("fc.weight", (classes, 512), 512)
    bias = r.b.param("fc.bias", np.zeros(classes, np.float32))
    y = r.b.add(g.GemmOp(y, w, bias, trans_b=True), name="fc")
    return r.b.finish(y), r.b.ctx


def resnet18(**kwargs) -> tuple[ModuleOp, Context]:
    return resnet((2, 2, 2, 2), **kwargs)


def resnet34(**kwargs) -> tuple[ModuleOp, Context]:
    return resnet((3, 4, 6, 3), **kwargs)
