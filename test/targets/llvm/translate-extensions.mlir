// RUN: mopc-translate %s --target=llvm | filecheck %s

// What translate.py adds to xDSL's translator: masked loads/stores in LLVM 22's form
// (alignment as a parameter attribute), type-suffixed intrinsics (a scalar and a vector
// llvm.intr.exp in one module), fptosi/uitofp/extractelement, reassoc reductions.

// CHECK-LABEL: define float @"extensions"(ptr %"x", i64 %"n", float %"f", <16 x float> %"v", ptr %"out")
// CHECK:         %"m" = icmp slt <16 x i64> <i64 0, i64 1, {{.*}}, i64 15>, %{{.*}}
// CHECK-NEXT:    %"l" = call <16 x float> @"llvm.masked.load.v16f32.p0"(ptr align 4 %"x", <16 x i1> %"m", <16 x float> <float
// CHECK-NEXT:    %"e" = call <16 x float> @"llvm.exp.v16f32"(<16 x float> %"l")
// CHECK-NEXT:    call void @"llvm.masked.store.v16f32.p0"(<16 x float> %"e", ptr align 4 %"x", <16 x i1> %"m")
// CHECK-NEXT:    %"i" = fptosi float %"f" to i32
// CHECK-NEXT:    store i32 %"i", ptr %"out", align 4
// CHECK-NEXT:    %"s" = call float @"llvm.exp.f32"(float %"f")
// CHECK-NEXT:    %"lane" = extractelement <16 x float> %"e", i64 2
// CHECK-NEXT:    %"sum" = call reassoc float @"llvm.vector.reduce.fadd.v16f32"(float %"s", <16 x float> %"e")
// CHECK-NEXT:    %"u" = trunc i64 %"n" to i32
// CHECK-NEXT:    %"uf" = uitofp i32 %"u" to float
// CHECK-DAG:   declare <16 x float> @"llvm.exp.v16f32"(<16 x float>
// CHECK-DAG:   declare float @"llvm.exp.f32"(float

func.func @extensions(%x: memref<20xf32>, %n: index, %f: f32, %v: vector<16xf32>, %out: memref<16xi32>) -> f32 {
  %c0 = arith.constant 0 : index
  %pad = arith.constant dense<0.0> : vector<16xf32>
  %m = vector.create_mask %n : vector<16xi1>
  %l = vector.maskedload %x[%c0], %m, %pad : memref<20xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  %e = math.exp %l : vector<16xf32>
  vector.maskedstore %x[%c0], %m, %e : memref<20xf32>, vector<16xi1>, vector<16xf32>
  %i = arith.fptosi %f : f32 to i32
  memref.store %i, %out[%c0] : memref<16xi32>
  %s = math.exp %f : f32
  %lane = vector.extract %e[2] : f32 from vector<16xf32>
  %sum = vector.reduction <add>, %e, %s : vector<16xf32> into f32
  %u = arith.index_cast %n : index to i32
  %uf = arith.uitofp %u : i32 to f32
  %r0 = arith.addf %sum, %lane : f32
  %r = arith.addf %r0, %uf : f32
  func.return %r : f32
}
