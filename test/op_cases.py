"""Variants of graph ops shared by the numeric tests: the graph evaluator against
ONNX's reference (test/dialects/graph/test_evaluator.py) and the graph-to-metaop
lowering against the graph evaluator (test/passes/graph_to_metaop/test_equivalence.py).
"""

CONV_CASES = [
    # id, x shape, w shape, bias, strides, pads [t, l, b, r], dilations, groups
    ('plain', (1, 3, 7, 7), (4, 3, 3, 3), False, (1, 1), (0, 0, 0, 0), (1, 1), 1),
    ('bias', (1, 3, 6, 5), (5, 3, 3, 3), True, (1, 1), (0, 0, 0, 0), (1, 1), 1),
    ('stride2_pad1_odd', (2, 3, 9, 9), (4, 3, 3, 3), True, (2, 2), (1, 1, 1, 1), (1, 1), 1),
    ('asym_pads', (1, 2, 7, 6), (3, 2, 3, 3), False, (2, 1), (0, 1, 2, 0), (1, 1), 1),
    ('asym_pads_big', (1, 2, 5, 5), (2, 2, 3, 2), True, (1, 1), (2, 0, 1, 3), (1, 1), 1),
    ('dilation2_pad2', (1, 3, 9, 8), (4, 3, 3, 3), False, (1, 1), (2, 2, 2, 2), (2, 2), 1),
    ('dilation_rect_stride', (1, 2, 11, 10), (3, 2, 2, 3), True, (3, 2), (1, 0, 0, 1), (1, 3), 1),
    ('groups2', (2, 4, 6, 5), (6, 2, 3, 3), True, (1, 1), (1, 1, 1, 1), (1, 1), 2),
    ('groups3_stride', (1, 6, 8, 7), (3, 2, 3, 2), False, (2, 2), (1, 0, 1, 0), (1, 1), 3),
    ('depthwise', (1, 6, 7, 7), (6, 1, 3, 3), True, (1, 1), (1, 1, 1, 1), (1, 1), 6),
    ('depthwise_mult2_dil', (1, 3, 9, 9), (6, 1, 3, 3), False, (2, 2), (2, 2, 2, 2), (2, 2), 3),
    ('pointwise_stride2', (1, 5, 7, 7), (3, 5, 1, 1), True, (2, 2), (0, 0, 0, 0), (1, 1), 1),
    ('kernel_rect', (3, 2, 5, 8), (2, 2, 2, 3), False, (1, 3), (0, 0, 0, 0), (1, 1), 1),
    ('kernel_covers_input', (1, 2, 3, 3), (2, 2, 3, 3), True, (1, 1), (0, 0, 0, 0), (1, 1), 1),
]

POOL_CASES = [
    # id, x shape, kernel, strides, pads, dilations, ceil_mode
    ('k2s2', (1, 2, 6, 6), (2, 2), (2, 2), (0, 0, 0, 0), (1, 1), False),
    ('k3s2_pad1_odd', (1, 3, 7, 7), (3, 3), (2, 2), (1, 1, 1, 1), (1, 1), False),
    ('k3s1_pad1', (2, 2, 5, 6), (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), False),
    ('floor_drops_tail', (1, 2, 7, 8), (2, 2), (2, 2), (0, 0, 0, 0), (1, 1), False),
    ('ceil_k2s2_odd', (1, 2, 7, 7), (2, 2), (2, 2), (0, 0, 0, 0), (1, 1), True),
    ('ceil_k3s2', (1, 2, 8, 8), (3, 3), (2, 2), (0, 0, 0, 0), (1, 1), True),
    ('ceil_pad_last_window_dropped', (1, 2, 5, 5), (2, 2), (2, 2), (1, 1, 1, 1), (1, 1), True),
    ('ceil_k3s2_pad1', (1, 2, 6, 9), (3, 3), (2, 2), (1, 1, 1, 1), (1, 1), True),
    ('asym_pads', (1, 2, 6, 7), (3, 3), (1, 2), (1, 0, 0, 2), (1, 1), False),
    ('asym_pads_ceil', (1, 2, 7, 6), (3, 2), (2, 2), (0, 1, 2, 0), (1, 1), True),
    ('rect_kernel', (1, 3, 7, 5), (3, 1), (1, 2), (0, 0, 0, 0), (1, 1), False),
    ('dilation2', (1, 2, 7, 7), (2, 2), (1, 1), (0, 0, 0, 0), (2, 2), False),
    ('dilation_pad_stride', (1, 2, 9, 8), (3, 2), (2, 1), (1, 1, 1, 0), (2, 3), False),
    ('dilation_ceil', (1, 2, 8, 9), (2, 2), (2, 2), (1, 0, 0, 1), (2, 2), True),
    ('stride3_ceil', (1, 2, 8, 10), (2, 3), (3, 3), (0, 0, 0, 0), (1, 1), True),
    ('stride3_ceil_pad', (1, 2, 10, 9), (3, 3), (3, 3), (1, 2, 1, 0), (1, 1), True),
    ('window_is_input', (2, 3, 3, 4), (3, 4), (1, 1), (0, 0, 0, 0), (1, 1), False),
]

GEMM_CASES = [
    # id, A shape, B shape, C shape (None: no C), trans_a, trans_b, alpha, beta
    ('plain', (3, 5), (5, 4), None, False, False, 1.0, 1.0),
    ('c_row_vector_n', (3, 5), (5, 4), (4,), False, False, 1.0, 1.0),
    ('c_1xn', (3, 5), (5, 4), (1, 4), False, False, 1.0, 1.0),
    ('c_mx1', (3, 5), (5, 4), (3, 1), False, False, 1.0, 1.0),
    ('c_mxn', (3, 5), (5, 4), (3, 4), False, False, 1.0, 1.0),
    ('c_scalar', (3, 5), (5, 4), (), False, False, 1.0, 1.0),
    ('c_1x1', (3, 5), (5, 4), (1, 1), False, False, 1.0, 1.0),
    ('trans_a', (5, 3), (5, 4), (4,), True, False, 1.0, 1.0),
    ('trans_b', (3, 5), (4, 5), (4,), False, True, 1.0, 1.0),
    ('trans_ab', (5, 3), (4, 5), (3, 4), True, True, 1.0, 1.0),
    ('alpha', (3, 5), (5, 4), None, False, False, 0.5, 1.0),
    ('alpha_beta', (3, 5), (5, 4), (3, 1), False, False, -1.5, 2.0),
    ('beta0', (3, 5), (5, 4), (4,), False, False, 1.0, 0.0),
    ('dense_layer', (1, 7), (6, 7), (6,), False, True, 1.0, 1.0),
    ('all', (7, 2), (3, 7), (1, 3), True, True, 0.25, -3.0),
]

MATMUL_CASES = [
    # id, a shape, b shape (numpy.matmul semantics)
    ('2d', (3, 4), (4, 5)),
    ('batched', (2, 3, 4), (2, 4, 5)),
    ('broadcast_rhs_2d', (2, 3, 4), (4, 5)),
    ('broadcast_lhs_2d', (3, 4), (2, 4, 5)),
    ('broadcast_batch', (2, 1, 3, 4), (5, 4, 2)),
    ('broadcast_both', (3, 1, 2, 4), (1, 2, 4, 3)),
    ('vec_mat', (4,), (4, 5)),
    ('mat_vec', (3, 4), (4,)),
    ('vec_vec', (4,), (4,)),
    ('batched_vec', (2, 3, 4), (4,)),
    ('vec_batched', (4,), (2, 4, 3)),
    ('odd_k1', (5, 1), (1, 3)),
]

BROADCAST_SHAPES = [
    # id, lhs shape, rhs shape (NumPy broadcasting)
    ('same', (3, 4), (3, 4)),
    ('trailing_vector', (2, 3, 4), (4,)),
    ('column', (3, 4), (3, 1)),
    ('both_stretch', (2, 1, 4), (3, 1)),
    ('scalar_rhs', (3, 5), ()),
    ('scalar_lhs', (), (2, 3)),
    ('rank_up_lhs', (1,), (2, 3)),
    ('channel_bias', (1, 4, 3, 3), (4, 1, 1)),
]

REDUCE_AXES = [
    # id, input shape, axes (negative axes count from the end)
    ('axis1', (2, 3, 5), [1]),
    ('axes0_2', (2, 3, 5), [0, 2]),
    ('last_negative', (2, 3, 5), [-1]),
    ('all', (2, 3, 5), [0, 1, 2]),
    ('spatial', (1, 4, 3, 3), [2, 3]),
    ('unsorted', (3, 2, 4), [2, 0]),
    ('1d', (9,), [0]),
]

RESHAPE_CASES = [
    # id, input shape, result shape
    ('merge_leading', (2, 3, 4), (6, 4)),
    ('split', (2, 3, 4), (4, 3, 2)),
    ('to_1d', (2, 3, 4), (24,)),
    ('drop_units', (1, 5, 1, 1), (1, 5)),
    ('add_units', (3, 5), (1, 3, 1, 5, 1)),
    ('regroup', (6, 10), (4, 15)),
    ('to_scalar', (1, 1), ()),
    ('regroup_3d', (4, 6, 5), (3, 8, 5)),
    ('interleaved', (2, 6, 2), (3, 8)),
    ('units_between', (2, 1, 3, 1, 4), (6, 1, 4)),
    ('from_scalar', (), (1, 1, 1)),
]

CONV_TRANSPOSE_CASES = [
    # id, x shape, w shape [C, O/G, KH, KW], bias, strides, pads [t, l, b, r], dilations,
    # output_padding, groups
    ('plain', (1, 3, 4, 4), (3, 2, 3, 3), False, (1, 1), (0, 0, 0, 0), (1, 1), (0, 0), 1),
    ('stride2_outpad_bias', (2, 3, 3, 4), (3, 4, 3, 3), True, (2, 2), (0, 0, 0, 0), (1, 1), (1, 1), 1),
    ('asym_pads', (1, 2, 5, 4), (2, 3, 3, 2), False, (2, 1), (1, 0, 2, 1), (1, 1), (0, 0), 1),
    ('dilation_outpad', (1, 2, 4, 3), (2, 2, 2, 3), True, (1, 2), (0, 1, 0, 0), (2, 1), (0, 1), 1),
    ('groups2', (1, 4, 3, 3), (4, 3, 3, 3), True, (2, 1), (1, 1, 1, 1), (1, 1), (1, 0), 2),
    ('depthwise', (1, 3, 4, 4), (3, 1, 3, 3), False, (2, 2), (1, 1, 0, 0), (1, 1), (0, 0), 3),
    ('stride3_kernel1', (1, 2, 3, 3), (2, 2, 1, 1), False, (3, 3), (0, 0, 0, 0), (1, 1), (2, 2), 1),
]

GATHER_CASES = [
    # id, input shape, axis, indices (non-negative)
    ('axis0_single', (5, 3), 0, [2]),
    ('runs_and_repeats', (2, 7, 3), 1, [0, 1, 2, 6, 6, 3]),
    ('backward', (6, 4), 0, [5, 4, 3, 2, 1, 0]),
    ('strided', (3, 10), 1, [1, 4, 7]),
    ('repeat_last_axis', (2, 3, 4), 2, [3, 3, 3]),
    ('permutation', (4, 5), 1, [3, 0, 4, 1, 2]),
]
