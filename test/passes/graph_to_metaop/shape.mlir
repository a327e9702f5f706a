// RUN: mopc-opt %s -p graph-to-metaop --split-input-file | filecheck %s

// Data movement -> metaop.reindex with an index map from result to input indices;
// constants -> metaop.constant.

// A general reshape: both axes form one group; the row-major position d0 * 3 + d1 is
// split again by the input's strides.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x6xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> ((d0 * 3 + d1) floordiv 6, (d0 * 3 + d1) mod 6)> : tensor<2x6xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x3xf32>
func.func @reshape(%x: tensor<2x6xf32>) -> tensor<4x3xf32> {
  %0 = graph.reshape %x : tensor<2x6xf32> -> tensor<4x3xf32>
  func.return %0 : tensor<4x3xf32>
}

// -----

// Splitting and merging axes.
// CHECK-LABEL: func.func @reshape_split_merge(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<12xf32>, %[[M:[a-z0-9_]+]]: tensor<4x3xf32>
// CHECK-NEXT:    %[[SPLIT:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0 * 3 + d1)> : tensor<12xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    %[[MERGED:.*]] = metaop.reindex %[[M]] map affine_map<(d0) -> (d0 floordiv 3, d0 mod 3)> : tensor<4x3xf32> -> tensor<12xf32>
// CHECK-NEXT:    func.return %[[SPLIT]], %[[MERGED]] :
func.func @reshape_split_merge(%x: tensor<12xf32>, %m: tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<12xf32>) {
  %0 = graph.reshape %x : tensor<12xf32> -> tensor<4x3xf32>
  %1 = graph.reshape %m : tensor<4x3xf32> -> tensor<12xf32>
  func.return %0, %1 : tensor<4x3xf32>, tensor<12xf32>
}

// -----

// Dropping unit axes is a plain projection (constant 0 for every unit input axis).
// CHECK-LABEL: func.func @reshape_drop_unit_axes(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x512x1x1xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (0, d1, 0, 0)> : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x512xf32>
func.func @reshape_drop_unit_axes(%x: tensor<1x512x1x1xf32>) -> tensor<1x512xf32> {
  %0 = graph.reshape %x : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
  func.return %0 : tensor<1x512xf32>
}

// -----

// Two groups ([2, 3] <-> [6] and [4] <-> [2, 2]) reshaped independently.
// CHECK-LABEL: func.func @reshape_groups(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x3x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2) -> (d0 floordiv 3, d0 mod 3, d1 * 2 + d2)> : tensor<2x3x4xf32> -> tensor<6x2x2xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<6x2x2xf32>
func.func @reshape_groups(%x: tensor<2x3x4xf32>) -> tensor<6x2x2xf32> {
  %0 = graph.reshape %x : tensor<2x3x4xf32> -> tensor<6x2x2xf32>
  func.return %0 : tensor<6x2x2xf32>
}

// -----

// An empty tensor has no index to map (and must not crash the grouping).
// CHECK-LABEL: func.func @reshape_empty(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x0xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (0, 0)> : tensor<2x0xf32> -> tensor<0x5xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<0x5xf32>
func.func @reshape_empty(%x: tensor<2x0xf32>) -> tensor<0x5xf32> {
  %0 = graph.reshape %x : tensor<2x0xf32> -> tensor<0x5xf32>
  func.return %0 : tensor<0x5xf32>
}

// -----

// flatten at axis 2: [2, 3] -> 6 and [4, 5] -> 20.
// CHECK-LABEL: func.func @flatten(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x3x4x5xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0 floordiv 3, d0 mod 3, d1 floordiv 5, d1 mod 5)> : tensor<2x3x4x5xf32> -> tensor<6x20xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<6x20xf32>
func.func @flatten(%x: tensor<2x3x4x5xf32>) -> tensor<6x20xf32> {
  %0 = graph.flatten %x axis 2 : tensor<2x3x4x5xf32> -> tensor<6x20xf32>
  func.return %0 : tensor<6x20xf32>
}

// -----

// flatten at axis 0 adds a leading unit axis, which never enters the map.
// CHECK-LABEL: func.func @flatten_axis0(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d1 floordiv 3, d1 mod 3)> : tensor<2x3xf32> -> tensor<1x6xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x6xf32>
func.func @flatten_axis0(%x: tensor<2x3xf32>) -> tensor<1x6xf32> {
  %0 = graph.flatten %x axis 0 : tensor<2x3xf32> -> tensor<1x6xf32>
  func.return %0 : tensor<1x6xf32>
}

// -----

// The classifier-head flatten [1, 512, 1, 1] -> [1, 512]: a projection.
// CHECK-LABEL: func.func @flatten_head(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x512x1x1xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (0, d1, 0, 0)> : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x512xf32>
func.func @flatten_head(%x: tensor<1x512x1x1xf32>) -> tensor<1x512xf32> {
  %0 = graph.flatten %x axis 1 : tensor<1x512x1x1xf32> -> tensor<1x512xf32>
  func.return %0 : tensor<1x512xf32>
}

// -----

// transpose perm [0, 2, 3, 1]: input axis perm[i] is result axis i, so the map is the
// inverse permutation.
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x64x8x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)> : tensor<1x64x8x4xf32> -> tensor<1x8x4x64xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x8x4x64xf32>
func.func @transpose(%x: tensor<1x64x8x4xf32>) -> tensor<1x8x4x64xf32> {
  %0 = graph.transpose %x perm [0, 2, 3, 1] : tensor<1x64x8x4xf32> -> tensor<1x8x4x64xf32>
  func.return %0 : tensor<1x8x4x64xf32>
}

// -----

// concat: one reindex per input into the whole result, shifted by the input's offset
// along the axis (out of bounds, i.e. 0, outside its slab), then summed.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<1x3x4xf32>, %[[B:[a-z0-9_]+]]: tensor<1x5x4xf32>, %[[C:[a-z0-9_]+]]: tensor<1x2x4xf32>
// CHECK-NEXT:    %[[PA:.*]] = metaop.reindex %[[A]] map affine_map<(d0, d1, d2) -> (d0, d1, d2)> : tensor<1x3x4xf32> -> tensor<1x10x4xf32>
// CHECK-NEXT:    %[[PB:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1, d2) -> (d0, d1 - 3, d2)> : tensor<1x5x4xf32> -> tensor<1x10x4xf32>
// CHECK-NEXT:    %[[PC:.*]] = metaop.reindex %[[C]] map affine_map<(d0, d1, d2) -> (d0, d1 - 8, d2)> : tensor<1x2x4xf32> -> tensor<1x10x4xf32>
// CHECK-NEXT:    %[[AB:.*]] = metaop.binary add %[[PA]], %[[PB]] : tensor<1x10x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[AB]], %[[PC]] : tensor<1x10x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x10x4xf32>
func.func @concat(%a: tensor<1x3x4xf32>, %b: tensor<1x5x4xf32>, %c: tensor<1x2x4xf32>) -> tensor<1x10x4xf32> {
  %0 = graph.concat %a, %b, %c axis 1 : (tensor<1x3x4xf32>, tensor<1x5x4xf32>, tensor<1x2x4xf32>) -> tensor<1x10x4xf32>
  func.return %0 : tensor<1x10x4xf32>
}

// -----

// CHECK-LABEL: func.func @concat_last_axis(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<2x3xf32>, %[[B:[a-z0-9_]+]]: tensor<2x1xf32>
// CHECK-NEXT:    %[[PA:.*]] = metaop.reindex %[[A]] map affine_map<(d0, d1) -> (d0, d1)> : tensor<2x3xf32> -> tensor<2x4xf32>
// CHECK-NEXT:    %[[PB:.*]] = metaop.reindex %[[B]] map affine_map<(d0, d1) -> (d0, d1 - 3)> : tensor<2x1xf32> -> tensor<2x4xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[PA]], %[[PB]] : tensor<2x4xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x4xf32>
func.func @concat_last_axis(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %0 = graph.concat %a, %b axis 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  func.return %0 : tensor<2x4xf32>
}

// -----

// A single input is the result itself: nothing is emitted.
// CHECK-LABEL: func.func @concat_single(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: tensor<3x4xf32>
// CHECK-NEXT:    func.return %[[A]] : tensor<3x4xf32>
func.func @concat_single(%a: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = graph.concat %a axis 0 : (tensor<3x4xf32>) -> tensor<3x4xf32>
  func.return %0 : tensor<3x4xf32>
}

// -----

// pad: each axis shifted by its begin pad; the default fill (0) is not printed, an
// explicit value becomes the reindex's fill.
// CHECK-LABEL: func.func @pad(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x3x8x8xf32>
// CHECK-NEXT:    %[[P:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 - 1, d3 - 1)> : tensor<1x3x8x8xf32> -> tensor<1x3x10x10xf32>
// CHECK-NEXT:    %[[Q:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3 - 2)> fill -1.000000e+00 : tensor<1x3x8x8xf32> -> tensor<1x3x8x10xf32>
// CHECK-NEXT:    func.return %[[P]], %[[Q]] :
func.func @pad(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x10x10xf32>, tensor<1x3x8x10xf32>) {
  %0 = graph.pad %x pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x10x10xf32>
  %1 = graph.pad %x pads [0, 0, 0, 2, 0, 0, 0, 0] value -1.000000e+00 : tensor<1x3x8x8xf32> -> tensor<1x3x8x10xf32>
  func.return %0, %1 : tensor<1x3x10x10xf32>, tensor<1x3x8x10xf32>
}

// -----

// Negative pads crop: a begin of -2 reads from index d0 + 2.
// CHECK-LABEL: func.func @pad_negative(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<6x6xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0 + 2, d1 - 1)> fill 5.000000e-01 : tensor<6x6xf32> -> tensor<4x7xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x7xf32>
func.func @pad_negative(%x: tensor<6x6xf32>) -> tensor<4x7xf32> {
  %0 = graph.pad %x pads [-2, 1, 0, 0] value 5.000000e-01 : tensor<6x6xf32> -> tensor<4x7xf32>
  func.return %0 : tensor<4x7xf32>
}

// -----

// slice: index * step + start on listed axes, identity on the others.
// CHECK-LABEL: func.func @slice(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<1x3x8x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2 + 1, d3)> : tensor<1x3x8x8xf32> -> tensor<1x3x3x7xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x3x3x7xf32>
func.func @slice(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x3x7xf32> {
  %0 = graph.slice %x starts [1, 0] ends [7, -1] axes [2, 3] steps [2, 1] : tensor<1x3x8x8xf32> -> tensor<1x3x3x7xf32>
  func.return %0 : tensor<1x3x3x7xf32>
}

// -----

// A negative step walks backwards from the (normalised, clamped) start: -1 is 4, and
// an end before the beginning clamps, so indices 4, 2, 0 are taken.
// CHECK-LABEL: func.func @slice_negative_step(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<8x5xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0, d1 * -2 + 4)> : tensor<8x5xf32> -> tensor<8x3xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<8x3xf32>
func.func @slice_negative_step(%x: tensor<8x5xf32>) -> tensor<8x3xf32> {
  %0 = graph.slice %x starts [-1] ends [-10] axes [1] steps [-2] : tensor<8x5xf32> -> tensor<8x3xf32>
  func.return %0 : tensor<8x3xf32>
}

// -----

// Reversal of a whole axis (step -1 from the end).
// CHECK-LABEL: func.func @slice_reverse(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<4x6xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (-d0 + 3, d1)> : tensor<4x6xf32> -> tensor<4x6xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<4x6xf32>
func.func @slice_reverse(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %0 = graph.slice %x starts [-1] ends [-100] axes [0] steps [-1] : tensor<4x6xf32> -> tensor<4x6xf32>
  func.return %0 : tensor<4x6xf32>
}

// -----

// Constants keep their value: inline elements, splats and parameter handles.
// CHECK-LABEL: func.func @constant(
// CHECK-NEXT:    %[[V:.*]] = metaop.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT:    %[[S:.*]] = metaop.constant dense<2.500000e+00> : tensor<f32>
// CHECK-NEXT:    %[[W:.*]] = metaop.constant dense_resource<w> : tensor<2x3xf32>
// CHECK-NEXT:    func.return %[[V]], %[[S]], %[[W]] :
// CHECK:       dialect_resources
// CHECK:         w: "0x040000000000803F0000004000004040000080400000A0400000C040"
func.func @constant() -> (tensor<2xf32>, tensor<f32>, tensor<2x3xf32>) {
  %0 = graph.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %1 = graph.constant dense<2.500000e+00> : tensor<f32>
  %2 = graph.constant dense_resource<w> : tensor<2x3xf32>
  func.return %0, %1, %2 : tensor<2xf32>, tensor<f32>, tensor<2x3xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}

// -----

// gather: one reindex per run of indices with a constant step ([4, 5], [0, 0], [3, 1]),
// filled with 0 outside the run's slab of the result, summed like concat.
// CHECK-LABEL: func.func @gather_runs(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: tensor<2x6xf32>
// CHECK-NEXT:    %[[R0:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0, d1 + 4)> overflow [affine_set<(d0, d1) : (d1 - 2 >= 0)>] : tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT:    %[[R1:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0, 0)> overflow [affine_set<(d0, d1) : (-d1 + 1 >= 0)>, affine_set<(d0, d1) : (d1 - 4 >= 0)>] : tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT:    %[[R2:.*]] = metaop.reindex %[[X]] map affine_map<(d0, d1) -> (d0, d1 * -2 + 11)> overflow [affine_set<(d0, d1) : (-d1 + 3 >= 0)>] : tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT:    %[[S:.*]] = metaop.binary add %[[R0]], %[[R1]] : tensor<2x6xf32>
// CHECK-NEXT:    %[[Y:.*]] = metaop.binary add %[[S]], %[[R2]] : tensor<2x6xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<2x6xf32>
func.func @gather_runs(%x: tensor<2x6xf32>) -> tensor<2x6xf32> {
  %0 = graph.gather %x axis 1 indices [4, 5, 0, 0, 3, 1] : tensor<2x6xf32> -> tensor<2x6xf32>
  func.return %0 : tensor<2x6xf32>
}

// -----

// A single run (here every other row, backwards) is one plain reindex.
// CHECK-LABEL: func.func @gather_one_run(
// CHECK-NEXT:    %[[Y:.*]] = metaop.reindex %{{.*}} map affine_map<(d0, d1) -> (d0 * -2 + 5, d1)> : tensor<6x2xf32> -> tensor<3x2xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<3x2xf32>
func.func @gather_one_run(%x: tensor<6x2xf32>) -> tensor<3x2xf32> {
  %0 = graph.gather %x axis 0 indices [5, 3, 1] : tensor<6x2xf32> -> tensor<3x2xf32>
  func.return %0 : tensor<3x2xf32>
}
