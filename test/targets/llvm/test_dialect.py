"""The LLVM ops `dialect.py` adds or widens print MLIR's syntax and parse back with
`extended_llvm_dialect()`."""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects.builtin import Builtin
from xdsl.parser import Parser

from mopc.core.context import make_context
from mopc.core.parsing import parse_module
from mopc.targets.llvm.convert_to_llvm import ConvertToLLVMPass
from mopc.targets.llvm.dialect import extended_llvm_dialect

SOURCE = """
func.func @f(%x: memref<20xf32>, %m: memref<20xi1>, %n: index, %v: vector<16xf32>, %s: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %pad = arith.constant dense<0.000000e+00> : vector<16xf32>
  %mask = vector.create_mask %n : vector<16xi1>
  %l = vector.maskedload %x[%c0], %mask, %pad : memref<20xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  %gt = loop.cmpf "ogt", %l, %v : vector<16xf32> -> vector<16xi1>
  vector.maskedstore %m[%c0], %mask, %gt : memref<20xi1>, vector<16xi1>, vector<16xi1>
  %r = loop.select %gt, %l, %v : vector<16xi1>, vector<16xf32>
  %e = vector.extract %r[3] : f32 from vector<16xf32>
  %i = arith.fptosi %e : f32 to i32
  %u = arith.uitofp %i : i32 to f32
  %lt = arith.cmpf olt, %u, %s : f32
  %y = arith.select %lt, %u, %s : f32
  func.return %y : f32
}
"""


def test_lowered_ops_round_trip():
    ctx = make_context()
    module = parse_module(ctx, SOURCE)
    ConvertToLLVMPass().apply(ctx, module)
    module.verify()
    text = str(module)
    for name in ("llvm.intr.masked.load", "llvm.intr.masked.store", "llvm.extractelement",
                 "llvm.fptosi", "llvm.uitofp", 'llvm.fcmp "ogt"', 'llvm.fcmp "olt"'):
        assert name in text

    plain = Context()
    plain.load_dialect(Builtin)
    plain.load_dialect(extended_llvm_dialect())
    reparsed = Parser(plain, text).parse_module()
    reparsed.verify()
    assert str(reparsed) == text
