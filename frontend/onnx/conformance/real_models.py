"""The `real` models of onnx's backend test data (alexnet, densenet121, inception_v1/v2,
resnet50, shufflenet, squeezenet, vgg19, zfnet512) made into numeric tests.

onnx ships them as `light/light_<name>.onnx`, every weight replaced by
`ConstantOfShape(value=0.02)`: with identical weights every class gets the same score,
so matching onnx's stored output checks plumbing, hardly arithmetic. `randomized`
replaces each of those weights by a seeded random initializer chosen by what consumes
it, so activations keep a sensible scale through the whole network:

* convolution and Gemm weights: He-normal (`std = sqrt(2 / fan_in)`),
* biases, BatchNormalization shifts and means: `normal(0, 0.1)`,
* BatchNormalization scales and variances: `uniform(0.5, 1.5)`,

and returns the logits (the input of the final Softmax) as a second output, since the
probabilities of a random network saturate. Random BatchNormalization statistics do not
normalize anything, and deep residual networks then grow their activations block by
block (resnet50's logits reach 1e5, shufflenet's 1e6), so the running means and
variances are then set to the statistics of the activations they see on the test input
(`calibrated`), as training would have made them. onnxruntime is the oracle
(`reference`).

    model, x = numeric_case("resnet50", seed=0)   # randomized, calibrated, and its input
    expected = reference(model, x)
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import onnx
from onnx import ModelProto, NodeProto, TensorProto, helper, numpy_helper

REAL_MODELS = ("bvlc_alexnet", "densenet121", "inception_v1", "inception_v2", "resnet50",
               "shufflenet", "squeezenet", "vgg19", "zfnet512")
"""The `real` cases of the suite (`test_<name>`), by their light file's name."""

PASS_THROUGH = ("Unsqueeze", "Reshape")
"""Ops between a weight and the op whose operand it is (densenet's per-channel
Mul/Add scales, inception_v1's classifier weight)."""


def light_path(name: str) -> Path:
    return Path(onnx.__file__).parent / "backend" / "test" / "data" / "light" / f"light_{name}.onnx"


def load_light(name: str) -> ModelProto:
    return onnx.load(light_path(name))


def data_input(model: ModelProto) -> onnx.ValueInfoProto:
    """The one graph input that is not an initializer (IR 3 lists weights as inputs)."""
    initializers = {t.name for t in model.graph.initializer}
    (info,) = [i for i in model.graph.input if i.name not in initializers]
    return info


def model_input(model: ModelProto, seed: int = 0) -> np.ndarray:
    """A seeded standard-normal image batch of the model's input shape."""
    dims = [d.dim_value for d in data_input(model).type.tensor_type.shape.dim]
    return np.random.default_rng(seed).standard_normal(dims).astype(np.float32)


def _role(name: str, consumers: dict[str, list[tuple[NodeProto, int]]]) -> tuple[str, int, NodeProto]:
    """(op type, operand index, node) of the op a weight finally feeds."""
    node, index = consumers[name][0]
    while node.op_type in PASS_THROUGH and index == 0 and node.output[0] in consumers:
        node, index = consumers[node.output[0]][0]
    return node.op_type, index, node


def _fan_in(op: str, node: NodeProto, shape: tuple[int, ...]) -> int:
    if op == "Gemm":
        trans_b = any(a.name == "transB" and a.i for a in node.attribute)
        return shape[1] if trans_b else shape[0]
    return math.prod(shape[1:])  # Conv: [M, C / group, kH, kW]


def _weight(op: str, index: int, node: NodeProto, shape: tuple[int, ...],
            rng: np.random.Generator) -> np.ndarray:
    if (op, index) in (("Conv", 1), ("Gemm", 1)) and len(shape) >= 2:
        return rng.normal(0.0, math.sqrt(2.0 / _fan_in(op, node, shape)), shape)
    if (op, index) in (("BatchNormalization", 1), ("BatchNormalization", 4), ("Mul", 1)):
        return rng.uniform(0.5, 1.5, shape)
    return rng.normal(0.0, 0.1, shape)


def randomized(model: ModelProto, seed: int = 0) -> ModelProto:
    """`model` with every `ConstantOfShape` weight replaced by a seeded random
    initializer, and the final Softmax's input added as a last output."""
    model = ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    rng = np.random.default_rng(seed)
    constants = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    consumers: dict[str, list[tuple[NodeProto, int]]] = {}
    for node in graph.node:
        for index, name in enumerate(node.input):
            consumers.setdefault(name, []).append((node, index))
    kept = []
    for node in graph.node:
        if node.op_type != "ConstantOfShape" or node.input[0] not in constants:
            kept.append(node)
            continue
        shape = tuple(int(d) for d in constants[node.input[0]])
        op, index, consumer = _role(node.output[0], consumers)
        array = _weight(op, index, consumer, shape, rng).astype(np.float32)
        graph.initializer.append(numpy_helper.from_array(array, node.output[0]))
        if model.ir_version < 4:  # IR 3 lists every initializer among the inputs
            graph.input.append(helper.make_tensor_value_info(node.output[0], TensorProto.FLOAT,
                                                             list(shape)))
    del graph.node[:]
    graph.node.extend(kept)
    used = {name for node in kept for name in node.input}
    unused = {t.name for t in graph.initializer if t.name not in used}  # the shapes
    _remove(graph.initializer, unused)
    _remove(graph.input, unused)
    last = graph.node[-1]
    if last.op_type == "Softmax" and last.output[0] in [o.name for o in graph.output]:
        logits = graph.output.add()  # Softmax keeps the shape: the logits' type is the output's
        logits.CopyFrom(next(o for o in graph.output if o.name == last.output[0]))
        logits.name = last.input[0]
    return model


def calibrated(model: ModelProto, x: np.ndarray) -> ModelProto:
    """`model` with each BatchNormalization's mean and variance set to the per-channel
    statistics of its input on `x` (a batch of one), as they are in the network whose
    earlier layers are calibrated too. That network is the one whose normalizations use
    the statistics of their own input: InstanceNormalization, which for one sample is
    batch statistics. So one onnxruntime run of that variant measures every layer."""
    probe = ModelProto.FromString(model.SerializeToString())
    norms = [n for n in probe.graph.node if n.op_type == "BatchNormalization"]
    for norm in norms:
        epsilon = [a for a in norm.attribute if a.name == "epsilon"]
        norm.op_type = "InstanceNormalization"
        del norm.input[3:], norm.attribute[:]
        norm.attribute.extend(epsilon)
    del probe.graph.output[:]
    probe.graph.output.extend(helper.make_tensor_value_info(n.input[0], TensorProto.FLOAT, None)
                              for n in norms)
    model = ModelProto.FromString(model.SerializeToString())
    tensors = {t.name: t for t in model.graph.initializer}
    originals = [n for n in model.graph.node if n.op_type == "BatchNormalization"]
    for norm, activation in zip(originals, reference(probe, x) if norms else [], strict=True):
        axes = tuple(i for i in range(activation.ndim) if i != 1)
        for index, stat in ((3, activation.mean(axis=axes)), (4, activation.var(axis=axes))):
            tensors[norm.input[index]].CopyFrom(
                numpy_helper.from_array(stat.astype(np.float32), norm.input[index]))
    return model


def numeric_case(name: str, seed: int = 0) -> tuple[ModelProto, np.ndarray]:
    """The real model `name` with seeded random weights, its input, and its batch
    normalizations calibrated on that input."""
    model = randomized(load_light(name), seed)
    x = model_input(model, seed)
    return calibrated(model, x), x


def _remove(items, names: set[str]) -> None:
    for item in [i for i in items if i.name in names]:
        items.remove(item)


def reference(model: ModelProto, x: np.ndarray) -> list[np.ndarray]:
    """onnxruntime's outputs (CPU provider) for the data input `x`."""
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {data_input(model).name: x})
