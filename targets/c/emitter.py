"""`CEmitter`: scalar loop-level IR (func/scf/memref/arith/math) -> C-like source.

One emitter serves every C-like target; a target gives it a `CLanguage` (tables) and,
for what tables cannot say, overrides a method or adds a statement handler. The
translation, op by op:

| IR | C |
|---|---|
| `func.func @k(%a: memref<2x3xf32>, %n: index)` | `<qualifiers> void k(const float *restrict a, int64_t n)` (`const` when never stored to) |
| `memref.load %a[%i, %j]` / `memref.store` | `a[i * 3 + j]` (row-major, identity layouts) |
| `memref.view %ws[%c64][]` | `float *v = (float *)(ws + 64);` |
| `memref.alloca() : memref<256xf32, 3>` | `<memory-space qualifier> float buf[256];` |
| `scf.for` with `iter_args` | `float acc = init; for (int64_t i = lb; i < ub; i += step) { ... acc = next; }` |
| `scf.if` with results | `float r; if (c) { ... r = a; } else { ... r = b; }` |
| `scf.parallel` | nested `for` loops (targets with threads lower it first) |
| `arith`/`math` ops | operators (`INFIX`), functions by type (`FUNCTIONS`), casts, `?:` |
| target ops | `CLanguage.intrinsics` templates (`gpu.barrier` -> `__syncthreads()`) |

Values are expressions (`expressions.Expr`): a pure op whose single use follows it in
the same block is inlined into that use, parenthesised by precedence (a load only when
nothing between it and its use writes memory); others get a named local. Names come
from the IR's `%names` where it has them.

    from mopc.targets.c import C, CEmitter
    source = CEmitter(C).emit_module(module)   # plain C for the host compiler
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import ClassVar

import numpy as np
from xdsl.dialects import arith, func, memref, scf
from xdsl.dialects.builtin import (
    AnyFloat,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    MemRefType,
    ModuleOp,
    NoneAttr,
    StridedLayoutAttr,
)
from xdsl.ir import Attribute, Block, BlockArgument, Operation, SSAValue, Use

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.c import expressions as e
from mopc.targets.c.expressions import Expr
from mopc.targets.c.language import (
    CMPF,
    CMPF_CONSTANT,
    CMPI,
    HELPERS,
    CLanguage,
    memory_space_key,
    type_key,
)

C_KEYWORDS = frozenset(
    ["auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true", "false", "class", "new", "delete", "this", "template", "typename", "namespace", "private", "public", "protected", "virtual", "operator", "friend", "main", "half"]
)

BOOLEAN = {"&": "&&", "|": "||", "^": "!="}
"""Bitwise operators on `i1` print as logical ones (what they mean on bools, and
without the parentheses compilers ask for around comparisons under `&`)."""

Handler = Callable[["CEmitter", Operation], None]


class CEmitter:
    """Prints functions of a loop-level module in one `CLanguage`.

    Extension points (besides the tables): `function_role`, `function_qualifiers`,
    `symbol`, `parameter`, `attribute_text`, `prelude`, and `STATEMENTS` (op name ->
    handler, merged over the base's by subclasses: `STATEMENTS = {**CEmitter.STATEMENTS, ...}`).
    """

    STATEMENTS: ClassVar[dict[str, Handler]] = {}  # filled below the class

    def __init__(self, language: CLanguage):
        self.lang = language
        self.lines: list[str] = []
        self.indent = 0
        self.values: dict[SSAValue, Expr] = {}
        self.taken: set[str] = set()
        self._yield_targets: list[list[str]] = []
        self.used_helpers: set[str] = set()

    # -- module and functions ---------------------------------------------------------

    def emit_module(self, module: ModuleOp) -> str:
        """The whole module: prelude, then every defined function, in order."""
        functions = []
        for op in module.ops:
            if not isinstance(op, func.FuncOp):
                raise DiagnosticError.at(op, f"the {self.lang.name} printer cannot print '{op.name}' at module level")
            if op.body.blocks:
                functions.append(op)
        self.used_helpers = set()
        prototypes = [self.signature(fn) + ";" for fn in functions]  # any call order compiles
        bodies = [self.emit_function(fn) for fn in functions]
        parts = [self.prelude(), "\n".join(prototypes) + "\n"] if len(functions) > 1 else [self.prelude()]
        return "\n".join([*parts, *bodies])

    def prelude(self) -> str:
        """Comment, includes and helper functions."""
        lines = [self.lang.comment] if self.lang.comment else []
        lines += [f"#include {header}" for header in self.lang.includes]
        helpers = [HELPERS[name].format(q=self.lang.helper_qualifier) for name in HELPERS if name in self.used_helpers]
        return "\n".join([*lines, "", *helpers, ""] if helpers else [*lines, ""])

    def function_role(self, fn: func.FuncOp) -> str:
        """`kernel` (`mopc.kernel`), `entry` (`mopc.entry`) or `function`."""
        if "mopc.kernel" in fn.attributes:
            return "kernel"
        if "mopc.entry" in fn.attributes:
            return "entry"
        return "function"

    def function_qualifiers(self, fn: func.FuncOp) -> str:
        return self.lang.function_qualifiers.get(self.function_role(fn), "")

    def symbol(self, name: str) -> str:
        """The C name of function `@name` (`main` is reserved in C)."""
        return self.lang.reserved_symbols.get(name, name)

    def signature(self, fn: func.FuncOp, *, name: str | None = None, qualifiers: str | None = None) -> str:
        """`<qualifiers> <result> name(<parameters>)`; names its arguments (and resets
        the emitter's per-function state)."""
        self._reset()
        params = [self.parameter(fn, arg) for arg in fn.body.block.args]
        outputs = fn.function_type.outputs.data
        if len(outputs) > 1:
            raise DiagnosticError.at(fn, f"the {self.lang.name} printer takes functions of at most one result")
        result = self.type_name(outputs[0], fn) if outputs else "void"
        qualifiers = self.function_qualifiers(fn) if qualifiers is None else qualifiers
        head = f"{qualifiers} {result}" if qualifiers else result
        return f"{head} {name or self.symbol(fn.sym_name.data)}({', '.join(params) or 'void'})"

    def emit_function(self, fn: func.FuncOp, *, name: str | None = None, qualifiers: str | None = None) -> str:
        """One function definition; `name`/`qualifiers` override the defaults."""
        signature = self.signature(fn, name=name, qualifiers=qualifiers)
        self.lines = [signature + " {"]
        self.indent = 1
        self.emit_block(fn.body.block)
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def parameter(self, fn: func.FuncOp, arg: BlockArgument) -> str:
        """`const float *restrict x` for a memref (const when never written), `T x` else."""
        name = self.declare(arg, "arg")
        if isinstance(arg.type, MemRefType):
            element = self.type_name(arg.type.element_type, fn)
            const = "" if self.is_written(arg) else "const "
            restrict = f"{self.lang.restrict} " if self.lang.restrict else ""
            return f"{const}{element} *{restrict}{name}"
        return f"{self.type_name(arg.type, fn)} {name}"

    def is_written(self, memref_value: SSAValue) -> bool:
        """Whether a memref may be stored to (directly, through a view, by a call)."""
        return not all(self.only_reads(use, memref_value) for use in memref_value.uses)

    def only_reads(self, use: Use, memref_value: SSAValue) -> bool:
        """Whether `use` of `memref_value` leaves it unchanged (a load; a store of it as
        a value). Targets that can see further (into views, launched kernels) extend it."""
        user = use.operation
        return isinstance(user, memref.LoadOp) or (isinstance(user, memref.StoreOp) and user.value is memref_value)

    def _reset(self) -> None:
        self.lines, self.indent, self.values, self.taken = [], 0, {}, set()
        self._yield_targets = []

    # -- names and types ---------------------------------------------------------------

    def fresh(self, hint: str | None, default: str = "v") -> str:
        """An unused C identifier close to `hint`."""
        base = re.sub(r"\W", "_", hint or default) or default
        if base[0].isdigit():
            base = f"{default}{base}"
        if base in C_KEYWORDS:
            base = f"{base}_"
        name, n = base, 1
        while name in self.taken:
            name, n = f"{base}_{n}", n + 1
        self.taken.add(name)
        return name

    def declare(self, value: SSAValue, default: str = "v") -> str:
        name = self.fresh(value.name_hint, default)
        self.values[value] = Expr(name)
        return name

    def type_name(self, t: Attribute, where: Operation) -> str:
        name = self.lang.types.get(type_key(t))
        if name is None:
            raise DiagnosticError.at(where, f"the {self.lang.name} printer has no type for {t}")
        return name

    def expr(self, value: SSAValue) -> Expr:
        if value not in self.values:
            owner = value.owner
            where = owner if isinstance(owner, Operation) else owner.parent_op()
            raise DiagnosticError.at(where, f"the {self.lang.name} printer met a value used before it was printed")
        return self.values[value]

    def attribute_text(self, attr: Attribute) -> str:
        """An attribute inside an intrinsic template: integers as numbers, enums
        (`#gpu<dim x>`) by their value, strings unquoted."""
        if isinstance(attr, IntegerAttr):
            return str(attr.value.data)
        data = getattr(attr, "data", None)
        if isinstance(data, str | int | float):
            return str(getattr(data, "value", data))
        if data is not None and hasattr(data, "value"):
            return str(data.value)
        return str(attr)

    # -- statements --------------------------------------------------------------------

    def line(self, text: str) -> None:
        self.lines.append("  " * self.indent + text)

    def emit_block(self, block: Block) -> None:
        for op in block.ops:
            self.emit_op(op)

    def emit_op(self, op: Operation) -> None:
        handler = type(self).STATEMENTS.get(op.name)
        if handler is not None:
            handler(self, op)
            return
        expr = self.expression(op)
        if expr is None:
            raise DiagnosticError.at(op, f"the {self.lang.name} printer cannot print '{op.name}'")
        if not op.results:
            self.line(f"{expr.text};")
            return
        (result,) = op.results
        if self.can_inline(op):
            self.values[result] = expr
        else:
            self.assign_new(result, expr, op)

    def assign_new(self, value: SSAValue, expr: Expr, where: Operation, default: str = "v") -> str:
        name = self.fresh(value.name_hint, default)
        self.line(f"{self.type_name(value.type, where)} {name} = {expr.text};")
        self.values[value] = Expr(name)
        return name

    def is_pure(self, op: Operation) -> bool:
        """No side effects (a load reads memory, which only a write can disturb)."""
        return (op.name.startswith(("arith.", "math.")) or isinstance(op, memref.LoadOp)
                or op.name in self.lang.pure_intrinsics)

    def can_inline(self, op: Operation) -> bool:
        """Constants always; a pure op with one use later in its own block, when no
        op in between writes memory (if it reads memory) or may (a region, a call)."""
        if isinstance(op, arith.ConstantOp):
            return True
        if not self.is_pure(op) or len(op.results) != 1:
            return False
        uses = list(op.results[0].uses)
        if len(uses) != 1 or uses[0].operation.parent_block() is not op.parent_block():
            return False
        user = uses[0].operation
        if isinstance(user, scf.YieldOp | scf.ForOp) and len(user.operands) > 1:
            return False  # assigned in parallel with other loop-carried values
        if not isinstance(op, memref.LoadOp):
            return True
        between = op.next_op
        while between is not None and between is not user:
            if not self.is_pure(between):
                return False
            between = between.next_op
        return True

    # -- expressions -------------------------------------------------------------------

    def expression(self, op: Operation) -> Expr | None:
        """The C expression computing `op`'s result (or, for a result-less intrinsic,
        its statement); None when this emitter does not know the op."""
        operands = [self.expr(v) for v in op.operands]
        if op.name in self.lang.intrinsics:
            return self.intrinsic(op, operands)
        method = _EXPRESSIONS.get(op.name)
        if method is not None:
            return method(self, op, operands)
        if op.name in self.lang.infix and len(operands) == 2:
            operator = self.lang.infix[op.name]
            if type_key(op.results[0].type) == "i1":
                operator = BOOLEAN.get(operator, operator)
            return e.add(operands[0], operands[1]) if operator == "+" else e.infix(operands[0], operator, operands[1])
        if op.name in self.lang.functions:
            by_type = self.lang.functions[op.name]
            key = type_key(op.results[0].type)
            function = by_type.get(key) or by_type.get("*")
            if function is None:
                raise DiagnosticError.at(op, f"the {self.lang.name} printer has no '{op.name}' on {op.results[0].type}")
            if function in HELPERS:
                self.used_helpers.add(function)
            return e.call(function, *operands)
        return None

    def intrinsic(self, op: Operation, operands: list[Expr]) -> Expr:
        template = self.lang.intrinsics[op.name]
        if callable(template):
            text = template(self, op, operands)
        else:
            named = {k: self.attribute_text(v) for k, v in (*op.properties.items(), *op.attributes.items())}
            text = template.format(*(x.text for x in operands), **named)
        return Expr(text, e.POSTFIX if _is_postfix(text) else e.ASSIGN)

    def constant(self, value: Attribute, t: Attribute, where: Operation) -> Expr:
        if isinstance(value, IntegerAttr):
            number = value.value.data
            if isinstance(t, IntegerType) and t.width.data == 1:
                return e.literal("true" if number else "false")
            suffix = "LL" if abs(number) >= 2**31 else ""
            return e.literal(f"{number}{suffix}")
        if isinstance(value, FloatAttr) and isinstance(t, AnyFloat):
            return self.float_literal(float(value.value.data), type_key(t), where)
        raise DiagnosticError.at(where, f"the {self.lang.name} printer takes scalar constants only, not {value}")

    def float_literal(self, number: float, key: str, where: Operation) -> Expr:
        if key not in self.lang.float_literals:
            raise DiagnosticError.at(where, f"the {self.lang.name} printer has no {key} constants")
        if math.isnan(number):
            return Expr(self.lang.nan[key])
        if math.isinf(number):
            text = self.lang.infinity[key]
            return e.literal(f"-{text}") if number < 0 else Expr(text)
        text = str(np.float32(number)) if key in ("f32", "f16", "bf16") else repr(number)
        if "e" not in text and "." not in text:
            text += ".0"
        return e.literal(self.lang.float_literals[key].format(text))

    def element_index(self, t: MemRefType, indices: Iterable[Expr], where: Operation) -> Expr:
        """The row-major element offset `i * 3 + j` of `indices` into `t` (zero terms
        dropped, unit strides unmultiplied)."""
        if not isinstance(t.layout, NoneAttr) and not (
            isinstance(t.layout, StridedLayoutAttr) and t.get_strides() == _row_major(t.get_shape())
        ):
            raise DiagnosticError.at(where, f"the {self.lang.name} printer takes identity layouts only, not {t}")
        terms: list[Expr] = []
        for index, stride in zip(indices, _row_major(t.get_shape()), strict=True):
            if index.text == "0":
                continue
            if _is_int_literal(index.text):
                terms.append(e.literal(str(int(index.text) * stride)))
            else:
                terms.append(index if stride == 1 else e.infix(index, "*", e.literal(str(stride))))
        if not terms:
            return e.literal("0")
        total = terms[0]
        for term in terms[1:]:
            total = e.infix(total, "+", term)
        return total

    def element(self, op: memref.LoadOp | memref.StoreOp) -> Expr:
        t = op.memref.type
        assert isinstance(t, MemRefType)
        index = self.element_index(t, [self.expr(i) for i in op.indices], op)
        return e.subscript(self.expr(op.memref), index)

    # -- structured control flow ----------------------------------------------------------

    def loop_header(self, iv: str, lb: Expr, ub: Expr, step: Expr, index_type: str) -> str:
        increment = f"{iv}++" if step.text == "1" else f"{iv} += {step.text}"
        return f"for ({index_type} {iv} = {lb.text}; {iv} < {ub.text}; {increment}) {{"

    def emit_region_body(self, block: Block, targets: list[str]) -> None:
        """A nested block whose `scf.yield` assigns to `targets`."""
        self._yield_targets.append(targets)
        self.indent += 1
        self.emit_block(block)
        self.indent -= 1
        self._yield_targets.pop()


def _is_postfix(text: str) -> bool:
    """A name, a member (`threadIdx.x`), or one call or subscript of one (`f(a, b)`):
    text that needs no parentheses anywhere."""
    head = re.match(r"[A-Za-z_][\w.]*", text)
    if head is None:
        return False
    rest = text[head.end():]
    if not rest:
        return True
    if rest[0] not in "([":
        return False
    depth = 0
    for position, char in enumerate(rest):
        depth += char in "(["
        depth -= char in ")]"
        if depth == 0:
            return position == len(rest) - 1
    return False


def _is_int_literal(text: str) -> bool:
    return text.lstrip("-").isdigit()


def _row_major(shape: Iterable[int]) -> list[int]:
    strides: list[int] = []
    running = 1
    for size in reversed(list(shape)):
        strides.append(running)
        running *= size
    return strides[::-1]


# -- expression ops -------------------------------------------------------------------


def _constant(self: CEmitter, op: Operation, _: list[Expr]) -> Expr:
    assert isinstance(op, arith.ConstantOp)
    return self.constant(op.value, op.result.type, op)


def _cmpf(self: CEmitter, op: Operation, x: list[Expr]) -> Expr:
    assert isinstance(op, arith.CmpfOp)
    predicate = arith.CMPF_COMPARISON_OPERATIONS[op.predicate.value.data]
    if predicate in CMPF_CONSTANT:
        return e.literal(CMPF_CONSTANT[predicate])
    if predicate in ("ord", "uno"):
        test = e.infix(e.infix(x[0], "==", x[0]), "&&", e.infix(x[1], "==", x[1]))
        return test if predicate == "ord" else e.prefix("!", test)
    operator, negated = CMPF[predicate]
    result = e.infix(x[0], operator, x[1])
    return e.prefix("!", result) if negated else result


def _cmpi(self: CEmitter, op: Operation, x: list[Expr]) -> Expr:
    assert isinstance(op, arith.CmpiOp)
    predicate = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]
    if predicate.startswith("u"):
        t = self.type_name(op.lhs.type, op)
        unsigned = f"u{t}" if t.startswith("int") else f"unsigned {t}"
        x = [e.cast(unsigned, v) for v in x]
    return e.infix(x[0], CMPI[predicate], x[1])


def _select(self: CEmitter, op: Operation, x: list[Expr]) -> Expr:
    return e.conditional(x[0], x[1], x[2])


def _negf(self: CEmitter, op: Operation, x: list[Expr]) -> Expr:
    return e.prefix("-", x[0])


def _cast(self: CEmitter, op: Operation, x: list[Expr]) -> Expr:
    """A conversion: a C cast, left out where both sides print as the same C type."""
    source, target = op.operands[0].type, op.results[0].type
    target_name = self.type_name(target, op)
    if self.type_name(source, op) == target_name:
        return x[0]
    if op.name in ("arith.extui", "arith.uitofp"):
        t = self.type_name(source, op)
        unsigned = "bool" if t == "bool" else f"u{t}" if t.startswith("int") else f"unsigned {t}"
        return e.cast(target_name, e.cast(unsigned, x[0]))
    return e.cast(target_name, x[0])


def _load(self: CEmitter, op: Operation, _: list[Expr]) -> Expr:
    assert isinstance(op, memref.LoadOp)
    return self.element(op)


_EXPRESSIONS: dict[str, Callable[[CEmitter, Operation, list[Expr]], Expr]] = {
    "arith.constant": _constant,
    "arith.cmpf": _cmpf,
    "arith.cmpi": _cmpi,
    "arith.select": _select,
    "arith.negf": _negf,
    "memref.load": _load,
    **{name: _cast for name in (
        "arith.index_cast", "arith.index_castui", "arith.sitofp", "arith.uitofp", "arith.fptosi",
        "arith.fptoui", "arith.extf", "arith.truncf", "arith.extsi", "arith.extui", "arith.trunci",
    )},
}


# -- statement ops --------------------------------------------------------------------


def _store(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, memref.StoreOp)
    self.line(f"{self.element(op).text} = {self.expr(op.value).text};")


def _view(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, memref.ViewOp)
    t = op.result.type
    assert isinstance(t, MemRefType)
    element = self.type_name(t.element_type, op)
    base = self.expr(op.source)
    offset = self.expr(op.byte_shift)
    address = base if offset.text == "0" else e.infix(base, "+", offset)
    name = self.fresh(op.result.name_hint, "view")
    self.line(f"{element} *{name} = {e.cast(f'{element} *', address).text};")
    self.values[op.result] = Expr(name)


def _alloca(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, memref.AllocaOp)
    t = op.memref.type
    assert isinstance(t, MemRefType)
    if any(size < 0 for size in t.get_shape()):
        raise DiagnosticError.at(op, f"the {self.lang.name} printer takes static buffers only, not {t}")
    key = memory_space_key(t.memory_space)
    if key and key not in self.lang.memory_spaces:
        raise DiagnosticError.at(op, f"the {self.lang.name} printer has no memory space {t.memory_space}")
    qualifier = self.lang.memory_spaces.get(key, "")
    element = self.type_name(t.element_type, op)
    name = self.fresh(op.memref.name_hint, "buffer")
    count = math.prod(t.get_shape())
    self.line(f"{qualifier + ' ' if qualifier else ''}{element} {name}[{count}];")
    self.values[op.memref] = Expr(name)


def _for(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, scf.ForOp)
    body = op.body.block
    targets = []
    for result, arg, init in zip(op.results, body.args[1:], op.iter_args, strict=True):
        name = self.fresh(arg.name_hint or result.name_hint, "acc")
        self.line(f"{self.type_name(result.type, op)} {name} = {self.expr(init).text};")
        self.values[arg] = self.values[result] = Expr(name)
        targets.append(name)
    iv = self.declare(body.args[0], "i")
    index_type = self.type_name(body.args[0].type, op)
    self.line(self.loop_header(iv, self.expr(op.lb), self.expr(op.ub), self.expr(op.step), index_type))
    self.emit_region_body(body, targets)
    self.line("}")


def _if(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, scf.IfOp)
    targets = []
    for result in op.results:
        name = self.fresh(result.name_hint, "r")
        self.line(f"{self.type_name(result.type, op)} {name};")
        self.values[result] = Expr(name)
        targets.append(name)
    self.line(f"if ({self.expr(op.cond).text}) {{")
    self.emit_region_body(op.true_region.block, targets)
    if op.false_region.blocks and (op.results or list(op.false_region.block.ops)[:-1]):
        self.line("} else {")
        self.emit_region_body(op.false_region.block, targets)
    self.line("}")


def _yield(self: CEmitter, op: Operation) -> None:
    targets = self._yield_targets[-1] if self._yield_targets else []
    values = [self.expr(v) for v in op.operands]
    if len(targets) != len(values):
        raise DiagnosticError.at(op, f"the {self.lang.name} printer: yield of {len(values)} values into {len(targets)}")
    for target, value in zip(targets, values, strict=True):
        if value.text != target:
            self.line(f"{target} = {value.text};")


def _parallel(self: CEmitter, op: Operation) -> None:
    """Sequential loops: a target that runs `scf.parallel` on threads lowers it first."""
    assert isinstance(op, scf.ParallelOp)
    if op.initVals:
        raise DiagnosticError.at(op, f"the {self.lang.name} printer takes scf.parallel without reductions")
    body = op.body.block
    for iv, lb, ub, step in zip(body.args, op.lowerBound, op.upperBound, op.step, strict=True):
        name = self.declare(iv, "i")
        self.line(self.loop_header(name, self.expr(lb), self.expr(ub), self.expr(step), self.type_name(iv.type, op)))
        self.indent += 1
    self._yield_targets.append([])
    self.emit_block(body)
    self._yield_targets.pop()
    for _ in body.args:
        self.indent -= 1
        self.line("}")


def _reduce(self: CEmitter, op: Operation) -> None:
    if op.operands:
        raise DiagnosticError.at(op, f"the {self.lang.name} printer takes scf.reduce without operands")


def _call(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, func.CallOp)
    arguments = ", ".join(self.expr(v).text for v in op.arguments)
    text = f"{self.symbol(op.callee.root_reference.data)}({arguments})"
    if not op.res:
        self.line(f"{text};")
    elif len(op.res) == 1:
        self.assign_new(op.res[0], Expr(text, e.POSTFIX), op)
    else:
        raise DiagnosticError.at(op, f"the {self.lang.name} printer takes calls of at most one result")


def _return(self: CEmitter, op: Operation) -> None:
    assert isinstance(op, func.ReturnOp)
    if op.arguments:
        self.line(f"return {self.expr(op.arguments[0]).text};")
    elif op.next_op is not None or not isinstance(op.parent_op(), func.FuncOp):
        self.line("return;")


CEmitter.STATEMENTS = {
    "memref.store": _store,
    "memref.view": _view,
    "memref.alloca": _alloca,
    "scf.for": _for,
    "scf.if": _if,
    "scf.yield": _yield,
    "scf.parallel": _parallel,
    "scf.reduce": _reduce,
    "func.call": _call,
    "func.return": _return,
}

__all__ = ["CEmitter", "Expr"]
