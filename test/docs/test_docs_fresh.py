"""The generated references in docs/ must match the code they are generated from."""

from mopc.tools.gen_docs import pages, stale_pages


def test_generated_docs_are_fresh():
    stale = stale_pages()
    assert not stale, f"stale docs {[str(p) for p in stale]}: run `python -m mopc.tools.gen_docs`"


def test_every_op_is_documented_with_an_ir_example():
    for path, text in pages().items():
        if "dialects" not in path.parts:
            continue
        for section in text.split("\n### ")[1:]:
            name = section.split("`")[1]
            assert "```mlir" in section, f"{name} ({path.name}) has no IR example in its docstring"
            assert f"= {name}" in section or f" {name} " in section, (
                f"the IR example of {name} does not use {name}"
            )
