"""ResNet-18/34 (torchvision's architecture) as ONNX models built with `onnx.helper`,
with seeded random weights: the real-model input of the ONNX frontend's tests and
examples, no downloads needed.

    model = resnet18_onnx(batch=1, image=224, seed=0)          # an onnx.ModelProto
    onnx.save(model, "resnet18.onnx")

Initializers are named like torchvision's state dict (`layer1.0.conv1.weight`,
`layer1.0.bn1.running_mean`, ...) and nodes like its modules (`layer1.0.conv1`). The
input is `input` (N x 3 x image x image, `batch` may be symbolic), the output `logits`.
With `flatten="view"` the classifier flattens as `x.view(x.size(0), -1)` exports
(Shape, Gather, Unsqueeze, Concat, Reshape), which the importer folds.
"""

from __future__ import annotations

import numpy as np
from onnx import ModelProto, NodeProto, TensorProto, helper, numpy_helper


class _Graph:
    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.nodes: list[NodeProto] = []
        self.initializers: list[TensorProto] = []

    def param(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], name: str, **attrs) -> str:
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def conv(self, x: str, cin: int, name: str, out: int, kernel: int, stride: int) -> str:
        scale = np.sqrt(2.0 / (cin * kernel * kernel))  # He initialisation: activations O(1)
        w = self.rng.standard_normal((out, cin, kernel, kernel)) * scale
        weight = self.param(f"{name}.weight", w.astype(np.float32))
        pad = kernel // 2
        return self.node("Conv", [x, weight], name, kernel_shape=[kernel, kernel],
                         strides=[stride, stride], pads=[pad] * 4)

    def bn(self, x: str, channels: int, name: str) -> str:
        u = self.rng.uniform
        params = [
            self.param(f"{name}.{field}", u(low, high, channels).astype(np.float32))
            for field, low, high in (("weight", 0.5, 1.5), ("bias", -0.1, 0.1),
                                     ("running_mean", -0.1, 0.1), ("running_var", 0.5, 1.5))
        ]
        return self.node("BatchNormalization", [x, *params], name, epsilon=1e-5)

    def basic_block(self, x: str, cin: int, name: str, out: int, stride: int) -> str:
        y = self.bn(self.conv(x, cin, f"{name}.conv1", out, 3, stride), out, f"{name}.bn1")
        y = self.node("Relu", [y], f"{name}.relu1")
        y = self.bn(self.conv(y, out, f"{name}.conv2", out, 3, 1), out, f"{name}.bn2")
        shortcut = x
        if stride != 1 or cin != out:
            shortcut = self.conv(x, cin, f"{name}.downsample.0", out, 1, stride)
            shortcut = self.bn(shortcut, out, f"{name}.downsample.1")
        return self.node("Relu", [self.node("Add", [y, shortcut], f"{name}.add")], f"{name}.relu2")

    def view_flatten(self, x: str) -> str:
        """`x.view(x.size(0), -1)` as PyTorch exports it."""
        zero = self.param("flatten.index", np.array(0, np.int64))
        axes = self.param("flatten.axes", np.array([0], np.int64))
        rest = self.param("flatten.rest", np.array([-1], np.int64))
        size = self.node("Gather", [self.node("Shape", [x], "flatten.shape"), zero],
                         "flatten.batch", axis=0)
        batch = self.node("Unsqueeze", [size, axes], "flatten.unsqueeze")
        shape = self.node("Concat", [batch, rest], "flatten.concat", axis=0)
        return self.node("Reshape", [x, shape], "flatten")


def resnet_onnx(
    depths: tuple[int, ...], batch: int | str = 1, image: int = 224, classes: int = 1000,
    seed: int = 0, opset: int = 13, flatten: str = "flatten",
) -> ModelProto:
    """A ResNet with basic blocks; `batch` may be a name (a symbolic dimension)."""
    g = _Graph(seed)
    y = g.node("Relu", [g.bn(g.conv("input", 3, "conv1", 64, 7, 2), 64, "bn1")], "relu")
    y = g.node("MaxPool", [y], "maxpool", kernel_shape=[3, 3], strides=[2, 2], pads=[1] * 4)
    cin = 64
    for stage, (blocks, width) in enumerate(zip(depths, (64, 128, 256, 512), strict=True)):
        for index in range(blocks):
            stride = 2 if stage > 0 and index == 0 else 1
            y = g.basic_block(y, cin, f"layer{stage + 1}.{index}", width, stride)
            cin = width
    y = g.node("GlobalAveragePool", [y], "avgpool")
    y = g.view_flatten(y) if flatten == "view" else g.node("Flatten", [y], "flatten", axis=1)
    fc = g.rng.standard_normal((classes, 512)) / np.sqrt(512)
    fc_w = g.param("fc.weight", fc.astype(np.float32))
    fc_b = g.param("fc.bias", g.rng.uniform(-0.1, 0.1, classes).astype(np.float32))
    g.nodes.append(helper.make_node("Gemm", [y, fc_w, fc_b], ["logits"], name="fc", transB=1))
    graph = helper.make_graph(
        g.nodes, "resnet",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [batch, 3, image, image])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [batch, classes])],
        g.initializers,
    )
    opsets = [helper.make_opsetid("", opset)]
    return helper.make_model(graph, opset_imports=opsets, producer_name="mopc.frontend.zoo",
                             ir_version=helper.find_min_ir_version_for(opsets))


def resnet18_onnx(**kwargs) -> ModelProto:
    return resnet_onnx((2, 2, 2, 2), **kwargs)


def resnet34_onnx(**kwargs) -> ModelProto:
    return resnet_onnx((3, 4, 6, 3), **kwargs)
