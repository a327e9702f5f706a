"""Generate the simulator's per-architecture builtin declarations and definitions.

From the arch's builtin list (`builtins.py`) and the intrinsic table (`intrinsics.py`):

* `mopcsim_builtins.h` (included by device code): for every modelled builtin, the
  exact overloads the list gives for this arch, plus a call-site macro that records
  `__FILE__:__LINE__` so a violation names the line that broke the rule; for every
  builtin the arch has but the simulator does not model, and every builtin of another
  arch that this one lacks, a template whose `static_assert` names the builtin and the
  arch, so calling it is a compile-time error at the call's line;
* `mopcsim_builtins.cpp` (compiled into the runtime): the definitions, each a call
  into the engine for its kind with a `Spec` holding the rules.

Nothing here is typed by hand per builtin: a new entry in the table, or a new list,
is all it takes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from mopc.targets.bang.sim.arch import ArchSpec, arch_spec
from mopc.targets.bang.sim.builtins import Param, Signature, builtin_table, parse_signature
from mopc.targets.bang.sim.intrinsics import HOST_PROVIDED, Intrinsic, lookup

DTYPES = {
    "half": "F16", "float": "F32", "char": "I8", "signed char": "I8", "int8": "I8",
    "unsigned char": "U8", "short": "I16", "int16": "I16", "unsigned short": "U16",
    "int": "I32", "unsigned int": "U32",
}
"""C element types the engines handle, by the spelling the lists use."""

RULE_BITS = {"vector": "R_VECTOR", "value64": "R_VALUE64", "count64": "R_COUNT64"}
ALIAS_NAMES = {"exact": "ALIAS_EXACT", "dst_src0": "ALIAS_DST_SRC0", "none": "ALIAS_NONE"}
SPACE_NAMES = {"": "SP_NONE", "GDRAM": "SP_GDRAM", "NRAM": "SP_NRAM", "WRAM": "SP_WRAM", "SRAM": "SP_SRAM"}
MEMCPY_FORMS = {4: "FORM_PLAIN", 5: "FORM_CLUSTER", 7: "FORM_2D", 8: "FORM_2D_CLUSTER",
                12: "FORM_3D", 13: "FORM_3D_CLUSTER"}
ARCHES = ("mtp_270", "mtp_372")


@dataclass
class Generated:
    header: str
    source: str
    modelled: dict[str, list[Signature]]
    unmodelled: list[str]
    absent: list[str]


def _dt(type_name: str) -> str | None:
    code = DTYPES.get(type_name)
    return f"::mopcsim::{code}" if code else None


def _ptr_dt(param: Param) -> str | None:
    return _dt(param.pointee) if param.is_pointer else None


def _same_pointers(params: tuple[Param, ...]) -> str | None:
    """The dtype when every parameter is a pointer to the same element type."""
    kinds = {p.pointee for p in params}
    if len(kinds) != 1 or not all(p.is_pointer for p in params):
        return None
    return _ptr_dt(params[0])


def _ints(params: tuple[Param, ...]) -> bool:
    return all(p.type == "int" for p in params)


def _names(params) -> str:
    return ", ".join(p.name for p in params)


BodyFn = Callable[[Intrinsic, Signature], "str | None"]


def _unary(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 3 or not _ints(p[2:]) or (dt := _same_pointers(p[:2])) is None:
        return None
    return f"::mopcsim::op_unary(S, {dt}, {_names(p)});"


def _binary_like(engine: str, pointers: int) -> BodyFn:
    def body(_: Intrinsic, s: Signature) -> str | None:
        p = s.params
        if len(p) != pointers + 1 or not _ints(p[pointers:]):
            return None
        if (dt := _same_pointers(p[:pointers])) is None:
            return None
        return f"::mopcsim::{engine}(S, {dt}, {_names(p)});"
    return body


def _scalar(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 4 or not _ints(p[3:]) or (dt := _same_pointers(p[:2])) is None:
        return None
    if p[2].type != p[0].pointee:
        return None
    return f"::mopcsim::op_scalar(S, {dt}, {p[0].name}, {p[1].name}, &{p[2].name}, {p[3].name});"


def _cycle(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 5 or not _ints(p[3:]) or (dt := _same_pointers(p[:3])) is None:
        return None
    return f"::mopcsim::op_cycle(S, {dt}, {_names(p)});"


def _count(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 3 or p[0].type != "unsigned int*" or not _ints(p[2:]) or (dt := _ptr_dt(p[1])) is None:
        return None
    return f"::mopcsim::op_count(S, {dt}, {_names(p)});"


def _pool(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) not in (7, 9) or not _ints(p[2:]) or (dt := _same_pointers(p[:2])) is None:
        return None
    if len(p) == 7:  # without stride the stride is the window (bang-c.md 4.6)
        return (f"::mopcsim::op_pool(S, {dt}, {_names(p)}, {p[6].name}, {p[5].name}, false);")
    return f"::mopcsim::op_pool(S, {dt}, {_names(p)}, true);"


def _transpose(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 4 or not _ints(p[2:]) or (dt := _same_pointers(p[:2])) is None:
        return None
    return f"::mopcsim::op_transpose(S, {dt}, {_names(p)});"


def _write_zero(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 2 or not _ints(p[1:]) or (dt := _ptr_dt(p[0])) is None:
        return None
    return f"::mopcsim::op_fill(S, {dt}, {p[0].name}, {p[1].name}, nullptr);"


def _fill(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 3 or not p[0].is_pointer or p[1].type != "int" or (dt := _dt(p[2].type)) is None:
        return None
    if p[0].pointee != "void" and p[0].pointee != p[2].type:
        return None
    return f"::mopcsim::op_fill(S, {dt}, {p[0].name}, {p[1].name}, &{p[2].name});"


def _convert(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 3 or not _ints(p[2:]) or (dd := _ptr_dt(p[0])) is None or (ds := _ptr_dt(p[1])) is None:
        return None
    return f"::mopcsim::op_convert(S, {dd}, {ds}, {_names(p)});"


def _memcpy(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    form = MEMCPY_FORMS.get(len(p))
    if form is None or p[3].type != "mluMemcpyDirection_t" or not _ints(p[4:]):
        return None
    extra = [x.name for x in p[4:]]
    cluster = extra.pop() if form.endswith("CLUSTER") else "0"
    shape = extra + ["0"] * (8 - len(extra))
    return (f"::mopcsim::op_memcpy(S, {p[0].name}, {p[1].name}, {p[2].name}, (int){p[3].name}, "
            f"::mopcsim::MemcpyShape{{::mopcsim::{form}, {', '.join(shape)}, {cluster}}});")


def _memcpy_n2n(_: Intrinsic, s: Signature) -> str | None:
    p = s.params
    if len(p) != 6 or not _ints(p[2:]):
        return None
    return (f"::mopcsim::op_memcpy(S, {p[0].name}, {p[1].name}, {p[2].name}, (int)NRAM2NRAM, "
            f"::mopcsim::MemcpyShape{{::mopcsim::FORM_2D, {p[3].name}, {p[4].name}, {p[5].name}, "
            f"0, 0, 0, 0, 0, 0}});")


def _sync(_: Intrinsic, s: Signature) -> str | None:
    return None if s.params else "::mopcsim::op_sync(S);"


def _is_space(_: Intrinsic, s: Signature) -> str | None:
    return f"return ::mopcsim::op_is_space(S, {s.params[0].name});" if len(s.params) == 1 else None


def _is_core(_: Intrinsic, s: Signature) -> str | None:
    return None if s.params else "return ::mopcsim::op_is_core(S);"


def _lock(_: Intrinsic, s: Signature) -> str | None:
    return f"::mopcsim::op_lock(S, {_names(s.params)});" if len(s.params) == 2 else None


def _popcnt(_: Intrinsic, s: Signature) -> str | None:
    if len(s.params) != 1:
        return None
    return f"return ({s.ret})__builtin_popcount((unsigned int){s.params[0].name});"


def _scalar_convert(intrinsic: Intrinsic, s: Signature) -> str | None:
    if len(s.params) != 1 or _dt(s.ret) is None or _dt(s.params[0].type) is None:
        return None
    return (f"return ::mopcsim::cvt<{s.ret}>(static_cast<double>({s.params[0].name}), "
            f"::mopcsim::MODE_{intrinsic.op.upper()});")


BODIES: dict[str, BodyFn] = {
    "unary": _unary, "binary": _binary_like("op_binary", 3), "scalar": _scalar,
    "cycle": _cycle, "div": _binary_like("op_div", 4), "reduce_sum": _binary_like("op_reduce_sum", 2),
    "maxmin": _binary_like("op_maxmin", 2), "count": _count,
    "select": _binary_like("op_select", 3), "collect": _binary_like("op_collect", 3),
    "pool": _pool, "transpose": _transpose, "write_zero": _write_zero, "fill": _fill,
    "convert": _convert, "memcpy": _memcpy, "memcpy_n2n": _memcpy_n2n, "sync": _sync,
    "is_space": _is_space, "is_core": _is_core, "lock": _lock, "popcnt": _popcnt,
    "scalar_convert": _scalar_convert,
}

NO_CALL_MACRO = frozenset({"scalar_convert", "popcnt", "is_space", "is_core"})
"""Kinds that cannot break a rule, so need no call-site location."""


def _c_double(value: float) -> str:
    if math.isinf(value):
        return "-INFINITY" if value < 0 else "INFINITY"
    return repr(float(value))


def _spec(ident: str, intrinsic: Intrinsic, arch: ArchSpec) -> str:
    rules = "0"
    if arch.generation == "2xx" and intrinsic.rules:
        rules = f"::mopcsim::{RULE_BITS[intrinsic.rules]}"
    op = f"::mopcsim::OP_{intrinsic.op.upper()}" if intrinsic.kind not in ("scalar_convert", "popcnt") else "0"
    return (f"static const ::mopcsim::Spec {ident} = {{\"{intrinsic.name}\", {op}, {rules}, "
            f"::mopcsim::{ALIAS_NAMES[intrinsic.alias]}, ::mopcsim::{SPACE_NAMES[intrinsic.space]}, "
            f"{_c_double(intrinsic.domain[0])}, {_c_double(intrinsic.domain[1])}}};")


def _other_arches(name: str, arch: str) -> list[str]:
    return [a for a in ARCHES if a != arch and name in builtin_table(a)]


def _poison_template(name: str, message: str) -> str:
    return (f"template <class... A> ::mopcsim::Unavailable {name}(A&&...) "
            f"{{ static_assert(::mopcsim::dependent_false<A...>::value, \"{message}\"); return {{}}; }}")


def generate(arch_name: str) -> Generated:
    """The header and the definitions for `arch_name`."""
    arch = arch_spec(arch_name)
    table = builtin_table(arch_name)
    universe = sorted(set().union(*(builtin_table(a).names for a in ARCHES)))
    modelled: dict[str, list[Signature]] = {}
    unmodelled: list[str] = []
    decls: list[str] = []
    macros: list[str] = []
    poison: list[str] = []
    defs: list[str] = []
    for name in sorted(table.names):
        if name in HOST_PROVIDED:
            continue
        intrinsic = lookup(name)
        signatures = table.functions.get(name) or [
            parse_signature(text) for text in (intrinsic.signatures if intrinsic else ())
        ]
        bodies = [(sig, BODIES[intrinsic.kind](intrinsic, sig)) for sig in signatures] if intrinsic else []
        bodies = [(sig, body) for sig, body in bodies if body is not None]
        if not bodies:
            unmodelled.append(name)
            poison.append(_poison_template(
                name, f"{name} exists on {arch_name} but mopc's BANG simulator does not model it"))
            continue
        ident = f"S{len(modelled)}"
        defs.append(_spec(ident, intrinsic, arch))
        modelled[name] = [sig for sig, _ in bodies]
        for sig, body in bodies:
            decls.append(f"{sig.declaration()};")
            defs.append(f"{sig.declaration()} {{ const ::mopcsim::Spec& S = {ident}; (void)S; {body} }}")
        if intrinsic.kind not in NO_CALL_MACRO:
            macros.append(f"#define {name}(...) (::mopcsim::here(__FILE__, __LINE__), ::{name}(__VA_ARGS__))")
    absent = [name for name in universe if name not in table and name not in HOST_PROVIDED]
    for name in absent:
        where = ", ".join(_other_arches(name, arch_name))
        poison.append(_poison_template(
            name, f"{name} does not exist on {arch_name} (it is not in the {arch_name} builtin list; "
                  f"it exists on {where})"))
    banner = (f"// Generated by mopc.targets.bang.sim.codegen for {arch_name} from "
              f"data/builtins-{arch_name}.txt and intrinsics.py; do not edit.\n")
    header = "\n".join([
        banner + "#pragma once",
        "// Builtins modelled by the simulator, with the overloads this arch has.",
        *decls, "",
        "// Builtins device code may not call here: a compile-time error at the call.",
        *poison, "",
        "// Call-site locations for the simulator's messages.",
        "#ifndef MOPCSIM_NO_CALL_MACROS", *macros, "#endif", "",
    ])
    source = "\n".join([
        banner + "#define MOPCSIM_NO_CALL_MACROS",
        '#include "mopcsim/device.h"',
        '#include "engine.h"', "",
        *defs, "",
    ])
    return Generated(header, source, modelled, unmodelled, absent)
