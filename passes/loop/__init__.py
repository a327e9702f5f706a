"""Loop-level passes: `loop-schedule` picks a `#loop.schedule` per kernel."""
