"""Command-line tools: `mopc-opt`, `mopc-translate` and the `mopc` driver."""
