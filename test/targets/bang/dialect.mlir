// RUN: %roundtrip
// RUN: %roundtrip-generic

// Every op of the bang dialect in its custom syntax (targets/bang/dialect.py).

// CHECK-LABEL: func.func @kernel
// CHECK-GENERIC-LABEL: "func.func"() <{sym_name = "kernel"
func.func @kernel(%x: memref<2x100xf32>, %y: memref<2x100xf32>) attributes {bang.kernel} {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  %one = arith.constant 1.0 : f32
  // CHECK: %{{.*}} = bang.alloc {sym_name = "nram0"} : memref<64xf32, #bang.space<nram>>
  // CHECK-GENERIC: "bang.alloc"() <{sym_name = "nram0"}> : () -> memref<64xf32, #bang.space<nram>>
  %b = bang.alloc {sym_name = "nram0"} : memref<64xf32, #bang.space<nram>>
  %m = bang.alloc {sym_name = "mask"} : memref<64xi1, #bang.space<nram>>
  // CHECK: %{{.*}} = bang.task_id
  // CHECK-NEXT: %{{.*}} = bang.task_dim
  // CHECK-NEXT: %{{.*}} = bang.cluster_id
  // CHECK-NEXT: %{{.*}} = bang.cluster_dim
  // CHECK-NEXT: %{{.*}} = bang.core_id
  // CHECK-NEXT: %{{.*}} = bang.core_dim
  %t = bang.task_id
  %td = bang.task_dim
  %ci = bang.cluster_id
  %cd = bang.cluster_dim
  %co = bang.core_id
  %cod = bang.core_dim
  // CHECK: bang.memcpy %{{.*}}[%{{.*}}], %{{.*}}[%{{.*}}], %{{.*}} {direction = "GDRAM2NRAM"} : memref<64xf32, #bang.space<nram>>, memref<2x100xf32>
  bang.memcpy %b[%c0], %x[%t], %c256 {direction = "GDRAM2NRAM"} : memref<64xf32, #bang.space<nram>>, memref<2x100xf32>
  // CHECK: bang.memcpy %{{.*}}[%{{.*}}], %{{.*}}[%{{.*}}], %{{.*}} strides(%{{.*}}, %{{.*}}, %{{.*}}) {direction = "GDRAM2NRAM", async} : memref<64xf32, #bang.space<nram>>, memref<2x100xf32>
  bang.memcpy %b[%c0], %x[%t], %c64 strides(%c256, %c256, %c0) {direction = "GDRAM2NRAM", async} : memref<64xf32, #bang.space<nram>>, memref<2x100xf32>
  // CHECK: bang.sync_copy {direction = "GDRAM2NRAM"}
  bang.sync_copy {direction = "GDRAM2NRAM"}
  // CHECK: bang.intrinsic "__bang_add"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, index
  bang.intrinsic "__bang_add"(%b, %b, %b, %c64) : memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, index
  // CHECK: bang.intrinsic "__bang_mul_scalar"
  bang.intrinsic "__bang_mul_scalar"(%b, %b, %one, %c64) : memref<64xf32, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>, f32, index
  // CHECK: bang.masked_load %{{.*}}, %{{.*}}[%{{.*}}], %{{.*}}, %{{.*}} : memref<64xf32, #bang.space<nram>>, memref<2x100xf32>, memref<64xi1, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>
  bang.masked_load %b, %x[%c0], %m, %b : memref<64xf32, #bang.space<nram>>, memref<2x100xf32>, memref<64xi1, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>
  // CHECK: bang.masked_store %{{.*}}[%{{.*}}], %{{.*}}, %{{.*}} : memref<2x100xf32>, memref<64xf32, #bang.space<nram>>, memref<64xi1, #bang.space<nram>>
  bang.masked_store %y[%c0], %b, %m : memref<2x100xf32>, memref<64xf32, #bang.space<nram>>, memref<64xi1, #bang.space<nram>>
  // CHECK: bang.memcpy %{{.*}}[%{{.*}}], %{{.*}}[%{{.*}}], %{{.*}} {direction = "NRAM2GDRAM"}
  bang.memcpy %y[%t], %b[%c0], %c256 {direction = "NRAM2GDRAM"} : memref<2x100xf32>, memref<64xf32, #bang.space<nram>>
  // CHECK: bang.sync_cluster
  // CHECK-NEXT: bang.sync_all
  bang.sync_cluster
  bang.sync_all
  func.return
}

// -----

// CHECK-LABEL: func.func @main
func.func @main(%x: memref<2x100xf32>, %y: memref<2x100xf32>) {
  // CHECK: bang.launch @kernel(%{{.*}}, %{{.*}}) {dim = array<i64: 16, 1, 1>, task_type = "BLOCK"} : memref<2x100xf32>, memref<2x100xf32>
  // CHECK-GENERIC: "bang.launch"(%{{.*}}, %{{.*}}) <{kernel = @kernel, dim = array<i64: 16, 1, 1>, task_type = "BLOCK"}>
  bang.launch @kernel(%x, %y) {dim = array<i64: 16, 1, 1>, task_type = "BLOCK"} : memref<2x100xf32>, memref<2x100xf32>
  func.return
}
