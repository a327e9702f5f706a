"""Write ResNet-18 (torchvision's architecture, seeded random weights) as an ONNX model,
then import it, compile it for this CPU and compare one inference with onnxruntime.

    python examples/resnet18_onnx.py [--out build/resnet18.onnx] [--image 224] [--no-check]

The model comes from `mopc.frontend.zoo.resnet_onnx` (built with onnx.helper, nothing is
downloaded). `mopc run build/resnet18.onnx --target llvm --random-inputs` runs it too.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import onnx

import mopc
from mopc.frontend.zoo.resnet_onnx import resnet18_onnx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/resnet18.onnx")
    parser.add_argument("--image", type=int, default=224)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-check", action="store_true", help="only write the model")
    args = parser.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(resnet18_onnx(image=args.image, seed=args.seed), out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    if args.no_check:
        return
    start = time.perf_counter()
    model = mopc.compile(out)
    print(f"imported and compiled in {time.perf_counter() - start:.1f} s")
    shape = (1, 3, args.image, args.image)
    image = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    start = time.perf_counter()
    logits = model(input=image)
    print(f"mopc: {(time.perf_counter() - start) * 1e3:.1f} ms")
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime is not installed: no comparison")
        return
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    (expected,) = session.run(None, {"input": image})
    print(f"max |mopc - onnxruntime| = {np.max(np.abs(logits - expected)):.3g} "
          f"(logits up to {np.max(np.abs(expected)):.3g})")


if __name__ == "__main__":
    main()
