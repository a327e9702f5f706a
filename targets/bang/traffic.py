"""DMA traffic of a ResNet basic block on the BANG simulator, with and without fusion
(the table in docs/bang.md):

    python -m mopc.targets.bang.traffic --channels 64 --size 56 --arch mtp_270

Without fusion the pipeline leaves `metaop-fuse` out, so every meta-op is its own
kernel and every intermediate goes through GDRAM; the simulator's counters give the
bytes each `__memcpy` direction moved, the builtin calls and the kernel launches.
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def basic_block(channels: int, size: int, seed: int = 0):
    """relu(bn(conv(relu(bn(conv(x))))) + x), 3x3 convolutions, torchvision's block."""
    from mopc.frontend.zoo.resnet import _ResNetBuilder

    r = _ResNetBuilder(1, size, seed)  # its 3-channel image input stays unused
    x = r.b.input("x", (1, channels, size, size))
    module = r.b.finish(r.basic_block(x, "layer1.0", channels, 1))
    return module, r.b.ctx, r.b.store


def measure(module, ctx, store, arch: str, fuse: bool, x: np.ndarray) -> dict:
    from mopc.core.evaluate import evaluate
    from mopc.targets.bang.backend import compile_model

    model = compile_model(module.clone(), ctx=ctx, arch=arch, fuse=fuse)
    model.runner.reset_counters()
    start = time.perf_counter()
    out = model(*x)
    seconds = time.perf_counter() - start
    counters = model.runner.counters()
    (expected,) = evaluate(module, list(x), store=store)
    error = float(np.max(np.abs(out - expected)))
    totals = counters["totals"]
    memcpy = totals["memcpy"]
    return {
        "kernels": totals["launches"],
        "GDRAM2NRAM": memcpy.get("GDRAM2NRAM", {}).get("bytes", 0),
        "NRAM2GDRAM": memcpy.get("NRAM2GDRAM", {}).get("bytes", 0),
        "gdram": totals["gdram"]["read_bytes"] + totals["gdram"]["write_bytes"],
        "builtins": sum(v["calls"] for v in totals["intrinsics"].values()),
        "copies": sum(v["calls"] for v in memcpy.values()),
        "seconds": seconds, "max_error": error,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--size", type=int, default=56)
    parser.add_argument("--arch", default="mtp_270")
    args = parser.parse_args(argv)
    module, ctx, store = basic_block(args.channels, args.size)
    rng = np.random.default_rng(0)
    inputs = [rng.standard_normal((1, 3, args.size, args.size)).astype(np.float32),
              rng.standard_normal((1, args.channels, args.size, args.size)).astype(np.float32)]
    rows = {name: measure(module, ctx, store, args.arch, fuse, inputs)
            for name, fuse in (("fused", True), ("unfused", False))}
    kib = 1 / 1024
    print(f"ResNet basic block, {args.channels} channels, {args.size}x{args.size}, {args.arch}:")
    print("| pipeline | kernels | GDRAM2NRAM KiB | NRAM2GDRAM KiB | GDRAM total KiB | __memcpy calls | builtin calls | max error |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(f"| {name} | {r['kernels']} | {r['GDRAM2NRAM'] * kib:.1f} | {r['NRAM2GDRAM'] * kib:.1f} | "
              f"{r['gdram'] * kib:.1f} | {r['copies']} | {r['builtins']} | {r['max_error']:.2g} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
