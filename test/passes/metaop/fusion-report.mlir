// The fusion report of metaop-fuse, set through the pass option or mopc-opt's
// --fusion-report flag, as text or JSON, to stderr or to a file.
// RUN: mopc-opt %s -p 'graph-to-metaop,metaop-fuse{report=text}' 2>&1 >/dev/null | filecheck %s --check-prefix=TEXT
// RUN: mopc-opt %s -p graph-to-metaop,metaop-fuse --fusion-report=text 2>&1 >/dev/null | filecheck %s --check-prefix=TEXT
// RUN: mopc-opt %s -p 'graph-to-metaop,metaop-fuse{report=json}' 2>&1 >/dev/null | filecheck %s --check-prefix=JSON
// RUN: mopc-opt %s --pass-pipeline='builtin.module(graph-to-metaop,metaop-fuse)' --fusion-report=json 2>&1 >/dev/null | filecheck %s --check-prefix=JSON
// RUN: rm -f %t.json
// RUN: mopc-opt %s -p 'graph-to-metaop,metaop-fuse{report=json report-file="%t.json"}' 2>&1 >/dev/null | filecheck %s --check-prefix=QUIET --allow-empty
// RUN: filecheck %s --check-prefix=JSON --input-file=%t.json
// RUN: mopc-opt %s -p graph-to-metaop,metaop-fuse 2>&1 >/dev/null | filecheck %s --check-prefix=QUIET --allow-empty
// RUN: mopc-opt %s -p graph-to-metaop,metaop-fuse --print-debuginfo | filecheck %s --check-prefix=LOC

// The checks below cite lines 19, 24 and 25 of this file: keep the input first.

func.func @net(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %0 = graph.conv2d %x, %w strides [1, 1] pads [1, 1, 1, 1] dilations [1, 1] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> loc("conv1")
  %1 = graph.relu %0 : tensor<1x4x8x8xf32> loc("relu1")
  %2 = graph.max_pool2d %1 kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] dilations [1, 1] : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32> loc("pool1")
  func.return %2 : tensor<1x4x4x4xf32>
}

func.func @head(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = graph.softmax %x axis 1 : tensor<2x5xf32> loc("prob")
  %1 = metaop.unary exp %0 : tensor<2x5xf32>
  func.return %1 : tensor<2x5xf32>
}

// The report names each kernel's graph nodes (`loc("conv1")`) in order, without
// repeats; an op with a file location (the hand-written exp) shows file:line:col.

// TEXT:      // fusion report: 5 kernels, 6 unfused edges
// TEXT-NEXT: kernel k0_reindex_reduce_add_relu_1x4x8x8 in @net: 2 inputs, 1 output
// TEXT-NEXT:   ops: metaop.reindex, metaop.broadcast, metaop.binary mul, metaop.reduce add, metaop.constant, metaop.broadcast, metaop.binary max
// TEXT-NEXT:   from: conv1, relu1
// TEXT-NEXT: kernel k1_reindex_reduce_max_1x4x4x4 in @net: 1 input, 1 output
// TEXT-NEXT:   ops: metaop.reindex, metaop.reduce max
// TEXT-NEXT:   from: pool1
// TEXT-NEXT: kernel k2_reduce_max_2x1 in @head: 1 input, 1 output
// TEXT-NEXT:   ops: metaop.reduce max
// TEXT-NEXT:   from: prob
// TEXT-NEXT: kernel k3_exp_reduce_add_2x1 in @head: 2 inputs, 2 outputs
// TEXT-NEXT:   ops: metaop.broadcast, metaop.binary sub, metaop.unary exp, metaop.reduce add
// TEXT-NEXT:   from: prob
// TEXT-NEXT: kernel k4_div_exp_2x5 in @head: 2 inputs, 1 output
// TEXT-NEXT:   ops: metaop.broadcast, metaop.binary div, metaop.unary exp
// TEXT-NEXT:   from: prob, {{.*}}fusion-report.mlir:24:3
// TEXT-NEXT: unfused: relu1 -> pool1 (metaop.binary max -> metaop.reindex): consumer is a reindex-class op (it reads from memory)
// TEXT-NEXT: unfused: pool1 -> {{.*}}fusion-report.mlir:19:3 (metaop.reduce max -> func.return): value is a function result
// TEXT-NEXT: unfused: prob -> prob (metaop.reduce max -> metaop.broadcast): consumer is a reindex-class op (it reads from memory)
// TEXT-NEXT: unfused: prob -> prob (metaop.unary exp -> metaop.binary div): fusing would create a cycle
// TEXT-NEXT: unfused: prob -> prob (metaop.reduce add -> metaop.broadcast): consumer is a reindex-class op (it reads from memory)
// TEXT-NEXT: unfused: {{.*}}fusion-report.mlir:24:3 -> {{.*}}fusion-report.mlir:25:3 (metaop.unary exp -> func.return): value is a function result
// TEXT-NOT:  {{.}}

// JSON:      {
// JSON-NEXT:   "version": 1,
// JSON-NEXT:   "kernels": [
// JSON-NEXT:     {
// JSON-NEXT:       "name": "k0_reindex_reduce_add_relu_1x4x8x8",
// JSON-NEXT:       "function": "net",
// JSON-NEXT:       "ops": [
// JSON-NEXT:         "metaop.reindex",
// JSON-NEXT:         "metaop.broadcast",
// JSON-NEXT:         "metaop.binary mul",
// JSON-NEXT:         "metaop.reduce add",
// JSON-NEXT:         "metaop.constant",
// JSON-NEXT:         "metaop.broadcast",
// JSON-NEXT:         "metaop.binary max"
// JSON-NEXT:       ],
// JSON-NEXT:       "locations": [
// JSON-NEXT:         "conv1",
// JSON-NEXT:         "relu1"
// JSON-NEXT:       ],
// JSON-NEXT:       "inputs": 2,
// JSON-NEXT:       "outputs": 1
// JSON-NEXT:     },
// JSON-NEXT:     {
// JSON-NEXT:       "name": "k1_reindex_reduce_max_1x4x4x4",
// JSON:            "name": "k4_div_exp_2x5",
// JSON:          "unfused": [
// JSON-NEXT:     {
// JSON-NEXT:       "producer": {
// JSON-NEXT:         "op": "metaop.binary max",
// JSON-NEXT:         "location": "relu1",
// JSON-NEXT:         "kernels": [
// JSON-NEXT:           "k0_reindex_reduce_add_relu_1x4x8x8"
// JSON-NEXT:         ]
// JSON-NEXT:       },
// JSON-NEXT:       "consumer": {
// JSON-NEXT:         "op": "metaop.reindex",
// JSON-NEXT:         "location": "pool1",
// JSON-NEXT:         "kernels": [
// JSON-NEXT:           "k1_reindex_reduce_max_1x4x4x4"
// JSON-NEXT:         ]
// JSON-NEXT:       },
// JSON-NEXT:       "reason": "consumer is a reindex-class op (it reads from memory)"
// JSON-NEXT:     },
// JSON:            "reason": "fusing would create a cycle"
// JSON:              "location": "{{.*}}fusion-report.mlir:24:3",
// JSON:            "consumer": {
// JSON-NEXT:         "op": "func.return",
// JSON-NEXT:         "location": "{{.*}}fusion-report.mlir:25:3",
// JSON-NEXT:         "kernels": []
// JSON-NEXT:       },
// JSON-NEXT:       "reason": "value is a function result"
// JSON-NEXT:     }
// JSON-NEXT:   ]
// JSON-NEXT: }

// QUIET-NOT: fusion report

// Every op keeps its location inside the kernel; a kernel has its ops' fused location.
// LOC:      metaop.kernel "k0_reindex_reduce_add_relu_1x4x8x8"
// LOC:        metaop.reduce add {{.*}} loc("conv1")
// LOC:        metaop.binary max {{.*}} loc("relu1")
// LOC:      } loc(fused["conv1", "relu1"])
// LOC:      metaop.kernel "k1_reindex_reduce_max_1x4x4x4"
// LOC:      } loc("pool1")
