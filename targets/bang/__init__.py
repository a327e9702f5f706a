"""The Cambricon MLU target: loop level -> `bang` dialect -> BANG C, compiled with cncc
or run on mopc's functional simulator (`sim/`). See docs/bang.md.

`target_info.py` (per-arch facts and choices), `dialect.py`, `schedule.py`
(`bang-schedule`), `lower.py` (`loop-to-bang`), `printer.py` (BANG C over the shared C
printer), `runner.py` (cncc or the simulator), `backend.py` (`mopc.compile(...,
target="bang")`), `target.py` (`mopc-translate --target=bang`), `traffic.py` (DMA
traffic with and without fusion).
"""
