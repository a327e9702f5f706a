"""Helpers shared by tests (on pytest's path through `pythonpath = ["test"]`)."""
