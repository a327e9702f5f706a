"""Jittor's three fusion classes, carried by every meta-op as a trait.

* reindex class (`reindex`, `broadcast`): one-to-many gathers; they fuse only at a
  kernel's entry and are recomputed in each consumer rather than materialised.
* reindex-reduce class (`reindex_reduce`, `reduce`): many-to-one; a kernel's sink.
* element-wise class (`unary`, `binary`, `compare`, `ternary`, `cast`, `index`,
  `constant`): fuse anywhere.

Fusion legality (reference/jittor-metaops.md §4) depends on nothing else, so passes ask
`fusion_class_of(op)` rather than testing op types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

from xdsl.ir import Operation
from xdsl.traits import OpTrait


class FusionClass(Enum):
    REINDEX = "reindex"
    REINDEX_REDUCE = "reindex-reduce"
    ELEMENTWISE = "element-wise"


@dataclass(frozen=True)
class FusionClassTrait(OpTrait):
    fusion_class: ClassVar[FusionClass]


@dataclass(frozen=True)
class ReindexClass(FusionClassTrait):
    fusion_class = FusionClass.REINDEX


@dataclass(frozen=True)
class ReindexReduceClass(FusionClassTrait):
    fusion_class = FusionClass.REINDEX_REDUCE


@dataclass(frozen=True)
class ElementwiseClass(FusionClassTrait):
    fusion_class = FusionClass.ELEMENTWISE


def fusion_class_of(op: Operation) -> FusionClass | None:
    """The fusion class of a meta-op, or None for any other op."""
    trait = op.get_trait(FusionClassTrait)
    return trait.fusion_class if trait is not None else None
