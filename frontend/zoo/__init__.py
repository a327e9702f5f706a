"""Reference models built directly in the graph dialect (seeded random weights, no
downloads), for examples, tests and compile-time benchmarks."""
