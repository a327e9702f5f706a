"""The C-like printer base shared by the CUDA and BANG targets (and plain C).

Loop-level IR (func/scf/memref/arith/math, scalar: no vectors) becomes C source through
one emitter, `CEmitter`, configured by one table object, `CLanguage`. tinygrad's shape
(one base, one small description per language) with MLIR EmitC's discipline
(precedence-aware expressions, named locals, located errors).

* `expressions.py`: `Expr` (text + precedence) and builders (`infix`, `call`, `cast`,
  `conditional`, `subscript`) that parenthesise only where C needs it.
* `language.py`: `CLanguage`, the tables; `C`, plain C99 for the host compiler.
* `emitter.py`: `CEmitter`, the op-by-op translation (see its docstring for the table).
* `target.py`: `mopc-translate --target=c`.

## Adding a C-like target

A target is mostly a table. Derive a language from `C` with `extend` (mapping tables
are merged, others replaced):

```python
from mopc.targets.c import C, CEmitter

BANG = C.extend(
    "BANG C",
    includes=("<bang.h>",),
    types={"f16": "half"},
    float_literals={"f16": "(half){}f"},
    restrict="__restrict__",
    helper_qualifier="__mlu_func__ static inline",
    function_qualifiers={"kernel": "__mlu_entry__", "function": "__mlu_func__"},
    memory_spaces={"nram": "__nram__", "wram": "__wram__"},      # memref<..., "nram">
    intrinsics={
        "bang.sync": "__sync_all()",                             # no result: a statement
        "bang.task_id": "taskId",                                # a result: an expression
        "bang.add": "__bang_add({0}, {1}, {2}, {count})",        # operands and properties
    },
    pure_intrinsics=frozenset({"bang.task_id"}),                 # may be inlined at its use
)
source = CEmitter(BANG).emit_module(module)
```

What tables cannot say, a subclass of `CEmitter` says by overriding a method
(`function_role`, `function_qualifiers`, `symbol`, `parameter`, `prelude`,
`attribute_text`) or by adding statement handlers for its own ops:

```python
class BangEmitter(CEmitter):
    STATEMENTS = {**CEmitter.STATEMENTS, "bang.memcpy": emit_memcpy}

def emit_memcpy(emitter: CEmitter, op) -> None:
    dst, src = (emitter.expr(v).text for v in op.operands)
    emitter.line(f"__memcpy({dst}, {src}, {op.bytes.value.data}, GDRAM2NRAM);")
```

Inside a handler: `emitter.expr(value)` is a value's C expression, `emitter.line(text)`
writes a statement at the current indentation, `emitter.assign_new(value, expr, op)`
declares a local for a result, `emitter.fresh(hint)` picks a free name,
`emitter.type_name(t, op)` and `emitter.element(load_or_store)` give a type's C name and
a memref element (`a[i * 3 + j]`). Unknown ops raise a located `DiagnosticError`
("the BANG C printer cannot print 'x.y'").
"""

from mopc.targets.c.emitter import CEmitter
from mopc.targets.c.expressions import Expr
from mopc.targets.c.language import C, CLanguage, memory_space_key, type_key

__all__ = ["C", "CEmitter", "CLanguage", "Expr", "memory_space_key", "type_key"]
