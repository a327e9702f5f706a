"""The source pass: rewrite BANG C (`.mlu`) into C++ the simulator's headers give
meaning to, keeping every line where it was (so compiler errors and the simulator's
messages name the original file and line).

What it rewrites:

* `__nram__` / `__wram__` / `__mlu_shared__` declarations (file or block scope) into
  references bound, per task thread, to the calling core's NRAM/WRAM or cluster's
  SRAM: `using T = float[64]; static const ::mopcsim::StaticVar v = {...};
  T& buf = *static_cast<T*>(::mopcsim::bind_var(&v));` (file scope: `static
  thread_local T& buf = ...`), so `buf` keeps its type and `sizeof`;
* `__mlu_const__` declarations into plain globals registered as read-only GDRAM;
* `__mlu_entry__` / `__mlu_global__` kernels: `extern "C"` (Neuware emits unmangled
  entry symbols, which host code declares `extern "C"`) and, after the body, a
  registration so `cnrtInvokeKernel_V2` can call the kernel from a params buffer;
* `kernel<<<dim, type, queue>>>(args)` into `::mopcsim::launch(kernel, "kernel", dim,
  type, queue)(args)`;
* `__asm__ volatile("sync;")` into `::mopcsim::asm_sync()` (any other inline
  assembly becomes a compile-time error naming it);
* `#include "file"` of a local file into the rewritten copy of that file.

What it cannot rewrite (an on-chip declaration built by a macro, `__ldram__`, an
`extern` on-chip declaration, an initialised `__mlu_shared__` variable) becomes a
`static_assert(false, "...")` at that spot, so g++ reports it with its location.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""
    (?P<newline>\n)
  | (?P<space>[ \t\r\f\v]+|\\\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>(?:u8|u|U|L)?"(?:\\.|[^"\\\n])*")
  | (?P<char>(?:u8|u|U|L)?'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<number>\.?\d(?:[\w.']|[eEpP][+-])*)
  | (?P<punct><<<|>>>|::|->\*?|<<=|>>=|<=>|<<|>>|&&|\|\||==|!=|<=|>=|\+\+|--|[-+*/%&|^!=]=|\.\.\.|.)
    """,
    re.VERBOSE | re.DOTALL,
)

_DIRECTIVE = re.compile(r"[ \t]*#(?:[^\n\\]|\\.|\\\n)*", re.DOTALL)

ONCHIP = {"__nram__": "SP_NRAM", "__wram__": "SP_WRAM", "__mlu_shared__": "SP_SRAM"}
KERNEL_QUALIFIERS = {"__mlu_entry__", "__mlu_global__"}
STORAGE_WORDS = {"static", "thread_local", "__mlu_device__", "inline", "__mlu_host__"}


@dataclass
class Token:
    kind: str
    text: str
    start: int
    end: int
    line: int


def tokenize(text: str) -> list[Token]:
    """Significant tokens (comments and whitespace dropped); a preprocessor directive,
    continuation lines included, is one `pp` token."""
    tokens: list[Token] = []
    pos, line, at_line_start = 0, 1, True
    while pos < len(text):
        if at_line_start:
            match = _DIRECTIVE.match(text, pos)
            if match:
                tokens.append(Token("pp", match.group(), pos, match.end(), line))
                line += match.group().count("\n")
                pos = match.end()
                continue
        match = _TOKEN.match(text, pos)
        assert match is not None
        kind = match.lastgroup or "punct"
        value = match.group()
        if kind == "newline":
            at_line_start = True
        elif kind not in ("space", "comment"):
            at_line_start = False
            tokens.append(Token(kind, value, pos, match.end(), line))
        elif kind == "comment" and "\n" in value:
            pass  # a block comment ending a line does not start a new one
        line += value.count("\n")
        pos = match.end()
    return tokens


@dataclass
class Edit:
    start: int
    end: int
    text: str


@dataclass
class _Scope:
    kind: str  # "file" (namespace, extern "C"), "block", "init", "type"
    c_linkage: bool = False
    parens: int = 0
    stmt_start: int = 0  # token index


@dataclass
class PassResult:
    text: str
    kernels: list[str] = field(default_factory=list)


def _error(message: str) -> str:
    text = message.replace("\\", "\\\\").replace('"', '\\"')
    return f'static_assert(false, "{text}");'


class _Rewriter:
    def __init__(self, text: str, path: str, include: Callable[[str], str | None] | None):
        self.text = text
        self.path = path
        self.include = include
        self.tokens = tokenize(text)
        self.edits: list[Edit] = []
        self.kernels: list[str] = []
        self.counter = 0

    # -- helpers -----------------------------------------------------------------------
    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def src(self, i: int, j: int) -> str:
        """Source text of tokens i..j-1 (with their comments and spacing)."""
        if i >= j:
            return ""
        return self.text[self.tokens[i].start:self.tokens[j - 1].end]

    def match_close(self, i: int) -> int:
        """Index of the bracket closing the one at i."""
        pairs = {"(": ")", "[": "]", "{": "}"}
        opening = self.tokens[i].text
        closing = pairs[opening]
        depth = 0
        for j in range(i, len(self.tokens)):
            t = self.tokens[j].text
            if self.tokens[j].kind != "punct":
                continue
            if t == opening:
                depth += 1
            elif t == closing:
                depth -= 1
                if depth == 0:
                    return j
        return len(self.tokens) - 1

    def statement_end(self, i: int) -> int:
        """Index of the `;` ending the statement that contains token i (skipping
        brackets)."""
        j = i
        while j < len(self.tokens):
            t = self.tokens[j]
            if t.kind == "punct" and t.text in "([{":
                j = self.match_close(j) + 1
                continue
            if t.kind == "punct" and t.text == ";":
                return j
            if t.kind == "punct" and t.text == "}":
                return j - 1
            j += 1
        return len(self.tokens) - 1

    def replace(self, i: int, j: int, new: str) -> None:
        """Replace tokens i..j (inclusive) by `new`, keeping the line count."""
        start, end = self.tokens[i].start, self.tokens[j].end
        lost = self.text.count("\n", start, end) - new.count("\n")
        self.edits.append(Edit(start, end, new + "\n" * max(lost, 0)))

    def insert_before(self, i: int, new: str) -> None:
        pos = self.tokens[i].start
        self.edits.append(Edit(pos, pos, new))

    def insert_after(self, i: int, new: str) -> None:
        pos = self.tokens[i].end
        self.edits.append(Edit(pos, pos, new))

    def fresh(self) -> int:
        self.counter += 1
        return self.counter

    # -- the walk ----------------------------------------------------------------------
    def run(self) -> PassResult:
        scopes = [_Scope("file")]
        pending_registration: dict[int, str] = {}  # index of a kernel's closing brace -> code
        i = 0
        while i < len(self.tokens):
            t = self.tokens[i]
            scope = scopes[-1]
            if t.kind == "pp":
                self.directive(i)
                scope.stmt_start = i + 1
                i += 1
                continue
            if t.kind == "punct" and t.text in ("(", "["):
                scope.parens += 1
            elif t.kind == "punct" and t.text in (")", "]"):
                scope.parens = max(scope.parens - 1, 0)
            elif t.kind == "punct" and t.text == "{":
                inner = self.open_scope(i, scope)
                inner.stmt_start = i + 1
                scopes.append(inner)
                i += 1
                continue
            elif t.kind == "punct" and t.text == "}":
                if len(scopes) > 1:
                    scopes.pop()
                if i in pending_registration:
                    self.insert_after(i, pending_registration.pop(i))
                scopes[-1].stmt_start = i + 1
                i += 1
                continue
            elif t.kind == "punct" and t.text == ";" and scope.parens == 0:
                scope.stmt_start = i + 1
            elif t.kind == "ident" and (t.text in ONCHIP or t.text in ("__mlu_const__", "__ldram__")):
                i = self.onchip(i, scopes)
                continue
            elif t.kind == "ident" and t.text in KERNEL_QUALIFIERS and self.at_file_scope(scopes):
                self.kernel(i, scopes, pending_registration)
            elif t.kind == "punct" and t.text == "<<<":
                i = self.launch(i)
                continue
            elif t.kind == "ident" and t.text in ("asm", "__asm__", "__asm"):
                i = self.inline_asm(i)
                continue
            i += 1
        return PassResult(self.apply(), self.kernels)

    def apply(self) -> str:
        out, pos = [], 0
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            out.append(self.text[pos:edit.start])
            out.append(edit.text)
            pos = edit.end
        out.append(self.text[pos:])
        return "".join(out)

    @staticmethod
    def at_file_scope(scopes: list[_Scope]) -> bool:
        return all(s.kind == "file" for s in scopes) and scopes[-1].parens == 0

    def open_scope(self, i: int, outer: _Scope) -> _Scope:
        head = [t.text for t in self.tokens[outer.stmt_start:i]]
        prev = self.tok(i - 1)
        if outer.kind == "init" or outer.parens > 0 or (prev and prev.text in ("=", ",", "return", "(", "[")):
            return _Scope("init")
        if head[:1] == ["namespace"] or (len(head) >= 2 and head[-2] == "extern" and head[-1].startswith('"')):
            return _Scope("file", c_linkage=outer.c_linkage or head[-1:] == ['"C"'])
        if outer.kind == "file" and any(w in head for w in ("struct", "class", "union", "enum")) and "(" not in head:
            return _Scope("type")
        return _Scope("block")

    # -- #include "local.h" ----------------------------------------------------------------
    def directive(self, i: int) -> None:
        if self.include is None:
            return
        t = self.tokens[i]
        match = re.match(r'(\s*#\s*include\s*)"([^"]+)"', t.text)
        if not match:
            return
        replacement = self.include(match.group(2))
        if replacement is not None:
            new = t.text.replace(f'"{match.group(2)}"', '"' + replacement.replace("\\", "/") + '"', 1)
            self.edits.append(Edit(t.start, t.end, new))

    # -- on-chip declarations ---------------------------------------------------------------
    def onchip(self, i: int, scopes: list[_Scope]) -> int:
        scope = scopes[-1]
        qualifier = self.tokens[i].text
        if scope.parens > 0 or scope.kind == "init":
            # A parameter (`__nram__ float *p`) or a cast: the pointer is what it is.
            self.replace(i, i, " ")
            return i + 1
        start = scope.stmt_start
        end = self.statement_end(i)  # the `;`
        if qualifier == "__ldram__":
            self.replace(start, end, _error("__ldram__ (LDRAM) is not modelled by mopc's BANG simulator"))
            return end + 1
        if scope.kind == "type":
            self.replace(start, end, _error(f"a {qualifier} member of a struct or class"))
            return end + 1
        block = any(s.kind == "block" for s in scopes)
        try:
            code = self.declaration(start, end, i, block)
        except ValueError as err:
            code = _error(f"{qualifier} declaration: {err}")
        self.replace(start, end, code)
        scope.stmt_start = end + 1
        return end + 1

    def split_top(self, i: int, j: int, sep: str) -> list[tuple[int, int]]:
        """Token ranges of [i, j) split at top-level `sep` tokens."""
        parts, depth, begin = [], 0, i
        for k in range(i, j):
            t = self.tokens[k].text
            if self.tokens[k].kind != "punct":
                continue
            if t in "([{":
                depth += 1
            elif t in ")]}":
                depth -= 1
            elif t == sep and depth == 0:
                parts.append((begin, k))
                begin = k + 1
        parts.append((begin, j))
        return parts

    def declaration(self, start: int, end: int, qual: int, block: bool) -> str:
        qualifier = self.tokens[qual].text
        # Specifier tokens we keep, with attributes folded into an alignment.
        keep: list[int] = []
        align = ""
        k = start
        while k < end:
            t = self.tokens[k]
            if t.text in ONCHIP or t.text == "__mlu_const__" or t.text in STORAGE_WORDS:
                k += 1
                continue
            if t.text == "extern":
                raise ValueError("extern on-chip declarations are not supported")
            if t.text in ("__attribute__", "alignas", "__declspec") and self.tok(k + 1) and self.tokens[k + 1].text == "(":
                close = self.match_close(k + 1)
                inner = self.src(k + 2, close)
                found = re.search(r"aligned\s*\(\s*([^()]+?)\s*\)", inner) if t.text == "__attribute__" else None
                if t.text == "alignas":
                    align = inner
                elif found:
                    align = found.group(1)
                k = close + 1
                continue
            keep.append(k)
            k += 1
        if not keep:
            raise ValueError("no declarator")
        groups = self.split_top(keep[0], keep[-1] + 1, ",")
        groups = [[k for k in keep if a <= k < b] for a, b in groups]
        first = groups[0]
        out: list[str] = []
        base: list[str] | None = None
        for group in groups:
            eq = next((n for n, k in enumerate(group) if self.tokens[k].text == "=" and self.depth_ok(group, n)), None)
            decl, init = (group[:eq], group[eq + 1:]) if eq is not None else (group, [])
            name_at = self.declarator_name(decl)
            prefix = [self.tokens[k].text for k in decl[:name_at]]
            suffix = [self.tokens[k].text for k in decl[name_at + 1:]]
            if base is None:
                cut = next((n for n, w in enumerate(prefix) if w in ("*", "&")), len(prefix))
                base = prefix[:cut]
            elif group is not first:
                prefix = base + prefix
            name = self.tokens[decl[name_at]].text
            init_text = self.src(init[0], init[-1] + 1) if init else ""
            out.append(self.emit(qualifier, name, " ".join(prefix + suffix), align, init_text, block))
        return " ".join(out)

    def depth_ok(self, group: list[int], n: int) -> bool:
        depth = 0
        for k in group[:n]:
            t = self.tokens[k].text
            depth += t in "([{"
            depth -= t in ")]}"
        return depth == 0

    def declarator_name(self, decl: list[int]) -> int:
        """Position in `decl` of the declared name: the last identifier before the first
        top-level `[` (or the end)."""
        limit = next((n for n, k in enumerate(decl) if self.tokens[k].text == "["), len(decl))
        for n in range(limit - 1, -1, -1):
            t = self.tokens[decl[n]]
            if t.kind == "ident" and t.text not in ("const", "volatile", "__restrict__", "__restrict"):
                if n > 0 and self.tokens[decl[n - 1]].text == "(":
                    raise ValueError("parenthesised declarators are not supported")
                if n == 0:
                    raise ValueError("no type before the declared name")
                return n
        raise ValueError("cannot find the declared name")

    def emit(self, qualifier: str, name: str, type_text: str, align: str, init: str, block: bool) -> str:
        n = self.fresh()
        alias, var = f"mopcsim_t_{name}_{n}", f"mopcsim_v_{name}_{n}"
        if qualifier == "__mlu_const__":
            # A plain (internal) global, registered so kernels may copy from it as GDRAM.
            initialiser = f" = {init}" if init else ""
            return (f"using {alias} = {type_text}; static {alias} {name}{initialiser}; "
                    f"static const ::mopcsim::ConstRegion {var}(&{name}, sizeof({name}), \"{name}\");")
        if init and qualifier == "__mlu_shared__":
            raise ValueError("an initialised __mlu_shared__ variable is not supported (initialise it in the kernel)")
        space = ONCHIP[qualifier]
        alignment = f"::mopcsim::var_align(alignof({alias}), {align})" if align else f"::mopcsim::var_align(alignof({alias}))"
        spec = (f"static const ::mopcsim::StaticVar {var} = {{\"{name}\", __FILE__, __LINE__, "
                f"::mopcsim::{space}, sizeof({alias}), {alignment}}};")
        head = f"using {alias} = {type_text}; {spec}"
        if block:
            code = f"{head} {alias}& {name} = *static_cast<{alias}*>(::mopcsim::bind_var(&{var}));"
            if init:
                code += (f" {{ {alias} mopcsim_init = {init}; std::memcpy((void*)&{name}, (const void*)&mopcsim_init, "
                         f"sizeof mopcsim_init); }}")
            return code
        if init:
            binder = (f"::mopcsim::bind_var_init(&{var}, [](void* p) {{ {alias} mopcsim_init = {init}; "
                      f"std::memcpy(p, (const void*)&mopcsim_init, sizeof mopcsim_init); }})")
        else:
            binder = f"::mopcsim::bind_var(&{var})"
        return f"{head} static thread_local {alias}& {name} = *static_cast<{alias}*>({binder});"

    # -- kernels ------------------------------------------------------------------------------
    def kernel(self, i: int, scopes: list[_Scope], pending: dict[int, str]) -> None:
        scope = scopes[-1]
        start = scope.stmt_start
        head = [t.text for t in self.tokens[start:i]]
        # The name: the identifier before the first `(` that is not an attribute's.
        j = i + 1
        while j < len(self.tokens):
            t = self.tokens[j]
            if t.text in ("__attribute__", "__declspec") and self.tok(j + 1) and self.tokens[j + 1].text == "(":
                j = self.match_close(j + 1) + 1
                continue
            if t.text == "(" or t.text in (";", "{"):
                break
            j += 1
        if j >= len(self.tokens) or self.tokens[j].text != "(" or self.tokens[j - 1].kind != "ident":
            return
        name = self.tokens[j - 1].text
        templated = "template" in head
        close = self.match_close(j)
        after = close + 1
        while after < len(self.tokens) and self.tokens[after].text not in ("{", ";"):
            after += 1
        if after >= len(self.tokens):
            return
        returns = [t.text for t in self.tokens[start:j - 1] if t.text not in KERNEL_QUALIFIERS]
        if "void" not in returns:
            self.insert_before(start, _error(f"kernel '{name}' must return void") + " ")
        c_linkage = any(s.c_linkage for s in scopes) or head[:2] == ["extern", '"C"']
        if not templated and "static" not in head and not c_linkage:
            self.insert_before(start, 'extern "C" ')
        if self.tokens[after].text == "{" and not templated:
            end = self.match_close(after)
            n = self.fresh()
            pending[end] = (f" static const ::mopcsim::KernelRegistrar mopcsim_kernel_{name}_{n}"
                            f"({name}, \"{name}\", __FILE__, __LINE__);")
            self.kernels.append(name)

    # -- kernel<<<dim, type, queue>>>(args) -------------------------------------------------
    def launch(self, i: int) -> int:
        # The callee: `name`, `ns::name`, `name<T...>` just before `<<<`.
        j = i - 1
        if self.tok(j) and self.tokens[j].text in (">", ">>"):
            depth = 0
            while j >= 0:
                text = self.tokens[j].text
                depth += text.count(">") if text in (">", ">>") else 0
                depth -= 1 if text == "<" else 0
                j -= 1
                if depth <= 0:
                    break
        first = i
        if self.tok(j) and self.tokens[j].kind == "ident":
            first = j
            while j >= 2 and self.tokens[j - 1].text == "::" and self.tokens[j - 2].kind == "ident":
                j -= 2
                first = j
            if j >= 1 and self.tokens[j - 1].text == "::":
                first = j - 1
        close = next((k for k in range(i + 1, len(self.tokens)) if self.tokens[k].text == ">>>"), None)
        if first >= i or close is None:
            self.replace(i, i, _error("cannot read this <<<...>>> launch"))
            return i + 1
        callee = self.src(first, i)
        plain = re.sub(r"\s+", "", callee)
        self.replace(first, i, f'::mopcsim::launch({callee}, "{plain}", ')
        self.replace(close, close, ")")
        return close + 1

    # -- inline assembly --------------------------------------------------------------------------
    def inline_asm(self, i: int) -> int:
        j = i + 1
        while self.tok(j) and self.tokens[j].text in ("volatile", "__volatile__", "__volatile"):
            j += 1
        if not self.tok(j) or self.tokens[j].text != "(":
            return i + 1
        close = self.match_close(j)
        strings = []
        for t in self.tokens[j + 1:close]:
            if t.text in (":", "::"):
                break  # operands and clobbers follow the template
            if t.kind == "string":
                strings.append(t.text)
        body = "".join(s[1:-1] for s in strings)
        body = body.replace("\\n", "").replace("\\t", "").replace(" ", "")
        if body in ("sync;", "sync"):
            self.replace(i, close, "::mopcsim::asm_sync()")
        else:
            shown = " ".join(s[1:-1] for s in strings)
            self.replace(i, close, _error(f"inline assembly '{shown}' is not modelled by mopc's BANG simulator")[:-1])
        return close + 1


def rewrite(text: str, path: str, include: Callable[[str], str | None] | None = None) -> PassResult:
    """Rewrite the BANG C `text` of `path`. `include(name)` maps a local `#include
    "name"` to the path of its rewritten copy (None leaves it alone)."""
    result = _Rewriter(text, path, include).run()
    escaped = path.replace("\\", "\\\\").replace('"', '\\"')
    return PassResult(f'#line 1 "{escaped}"\n' + result.text, result.kernels)
