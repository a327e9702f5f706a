"""ResNet-18 on the CUDA target against PyTorch (cuDNN) in the same run, per batch size:
the numbers of docs/performance.md's GPU table.

    python benchmarks/resnet18_cuda.py [--batch 1 32] [--repeat 50] [--image 224]

The model is `mopc.frontend.zoo.resnet_onnx.resnet18_onnx` (torchvision's architecture
and parameter names, seeded random weights); PyTorch runs the same weights in its own
ResNet-18 (`TorchResNet18`, torchvision's module layout; no torchvision needed), in
eval mode with `cudnn.benchmark`. Both are timed from NumPy input to NumPy output
(mopc's compiled library copies the input in and the logits out on every call); PyTorch
also on device-resident tensors (`torch resident`), its kernels alone. Each row gives
min / median / max over `--repeat` runs after warm-up, alternating the two; `ratio` is
mopc's median over PyTorch's end-to-end median. The outputs are compared (max relative
difference over the logits' scale).

Without a GPU the CUDA C runs in the CPU emulation and PyTorch on the CPU: the numbers
then only show that the script works (`--image 32` keeps that quick). Without PyTorch
only mopc's numbers are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

try:
    import onnx
    from onnx import numpy_helper
except ImportError as err:  # benchmarks only
    sys.exit(f"this benchmark needs onnx: pip install onnx ({err})")

import mopc
from mopc.frontend.zoo.resnet_onnx import resnet18_onnx
from mopc.tools.bench import Timing


def _torch():
    try:
        import torch
    except ImportError:
        return None
    return torch


def torch_resnet18(torch, classes: int):
    """torchvision's ResNet-18 module layout (so `load_state_dict` takes the ONNX
    model's initializer names), written out."""
    nn = torch.nn

    class Block(nn.Module):
        def __init__(self, cin: int, out: int, stride: int):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, out, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(out)
            self.conv2 = nn.Conv2d(out, out, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(out)
            self.downsample = None
            if stride != 1 or cin != out:
                self.downsample = nn.Sequential(nn.Conv2d(cin, out, 1, stride, bias=False), nn.BatchNorm2d(out))

        def forward(self, x):
            y = torch.relu(self.bn1(self.conv1(x)))
            y = self.bn2(self.conv2(y))
            return torch.relu(y + (x if self.downsample is None else self.downsample(x)))

    class TorchResNet18(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
            self.bn1 = nn.BatchNorm2d(64)
            self.maxpool = nn.MaxPool2d(3, 2, 1)
            widths, cin = (64, 128, 256, 512), 64
            for stage, width in enumerate(widths):
                stride = 1 if stage == 0 else 2
                setattr(self, f"layer{stage + 1}", nn.Sequential(Block(cin, width, stride), Block(width, width, 1)))
                cin = width
            self.fc = nn.Linear(512, classes)

        def forward(self, x):
            x = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
            x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
            return self.fc(torch.flatten(torch.mean(x, dim=(2, 3), keepdim=True), 1))

    return TorchResNet18()


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_batch(batch: int, image: int, repeat: int, scratch: Path) -> list[str]:
    model_proto = resnet18_onnx(batch=batch, image=image, seed=0)
    path = scratch / f"resnet18_b{batch}.onnx"
    onnx.save(model_proto, path)
    start = time.perf_counter()
    model = mopc.compile(path, "cuda", cache_dir=scratch / "cache")
    compile_s = time.perf_counter() - start
    x = np.random.default_rng(1).standard_normal((batch, 3, image, image)).astype(np.float32)
    logits = np.asarray(model(x))
    lines = [f"batch {batch}: mopc on {model.runner.description.rstrip('; ')}, compiled in {compile_s:.1f} s"]
    torch = _torch()
    if torch is None:
        mopc_times = [_timed(lambda: model(x)) for _ in range(repeat)]
        lines.append(f"  {'mopc':16} {Timing.of_samples(mopc_times)}   (PyTorch not installed: no peer)")
        return lines
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cudnn.benchmark = True
    net = torch_resnet18(torch, classes=logits.shape[1])
    state = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model_proto.graph.initializer}
    missing, unexpected = net.load_state_dict(state, strict=False)
    if unexpected or any(not key.endswith("num_batches_tracked") for key in missing):  # unused in eval mode
        sys.exit(f"the ONNX model's parameters do not fit the PyTorch ResNet-18: {missing} {unexpected}")
    net = net.eval().to(device)
    resident = torch.from_numpy(x).to(device)

    def sync():
        if device == "cuda":
            torch.cuda.synchronize()

    def torch_end_to_end():
        with torch.inference_mode():
            return net(torch.from_numpy(x).to(device)).cpu().numpy()

    def torch_resident():
        with torch.inference_mode():
            net(resident)
        sync()

    reference = torch_end_to_end()
    error = float(np.max(np.abs(logits - reference)) / max(1e-6, float(np.max(np.abs(reference)))))
    for _ in range(3):  # warm-up: cuDNN's algorithm search, mopc's first device allocation
        model(x)
        torch_end_to_end()
        torch_resident()
    mopc_times, torch_times, resident_times = [], [], []
    for _ in range(repeat):
        mopc_times.append(_timed(lambda: model(x)))
        torch_times.append(_timed(torch_end_to_end))
        resident_times.append(_timed(torch_resident))
    ratio = statistics.median(mopc_times) / statistics.median(torch_times)
    lines += [
        f"  {'':16} {'min ms':>8} {'median':>8} {'max':>8}",
        f"  {'mopc':16} {Timing.of_samples(mopc_times)}",
        f"  {'torch':16} {Timing.of_samples(torch_times)}   (torch {torch.__version__} on {device})",
        f"  {'torch resident':16} {Timing.of_samples(resident_times)}",
        f"  ratio mopc/torch (medians, end to end) {ratio:.2f}; max relative difference of the logits {error:.1e}",
    ]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--image", type=int, default=224)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mopc-bench-") as scratch:
        for batch in args.batch:
            print("\n".join(bench_batch(batch, args.image, args.repeat, Path(scratch))), flush=True)


if __name__ == "__main__":
    main()
