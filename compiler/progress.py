"""Progress of long compiler steps on a terminal (and silence in pipes and logs).

`mopc.compile(..., progress=...)` calls `progress(message)` as each long step starts
("importing model.onnx", "compiling 52 kernels for llvm"); the driver passes
`terminal_progress(sys.stderr)`, which redraws one status line when the stream is a
terminal and returns None (no reporting at all) otherwise, so redirected output stays
byte-for-byte what a script expects.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[str], None]


class _StatusLine:
    def __init__(self, stream: TextIO):
        self.stream = stream
        self.start = time.perf_counter()
        self.width = 0

    def __call__(self, message: str) -> None:
        text = f"mopc: {message} ({time.perf_counter() - self.start:.1f} s)"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def terminal_progress(stream: TextIO) -> _StatusLine | None:
    """A status-line reporter on `stream` when it is a terminal, else None."""
    isatty = getattr(stream, "isatty", None)
    return _StatusLine(stream) if isatty is not None and isatty() else None


def report(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)
