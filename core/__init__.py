"""Infrastructure shared by every level: contexts, parsing with source locations,
diagnostics, verification, model parameters and pass pipelines."""
