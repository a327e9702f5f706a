"""Passes on meta-op IR.

* `fuse.py`: `metaop-fuse`, which groups meta-ops into `metaop.kernel`s, using
  `fusion_groups.py` (which ops run together), `kernel_names.py` (what a kernel is
  called) and `fusion_report.py` (the `report=text|json` output).
"""
