"""Tasks run concurrently as threads with the arch's task mapping and barrier
semantics: the builtin variables per task type, SRAM shared per cluster, __sync_all
across clusters, the memory core, locks, async copies."""

from __future__ import annotations

import numpy as np
import pytest

BLOCK, UNION1, UNION2, UNION4 = 1, 4, 8, 16


@pytest.fixture(scope="module")
def lib(sim_library, sim):
    return sim_library([sim.inputs / "concurrency.mlu"])


def task_table(lib, dim, kind):
    host = np.zeros(2048, np.int32)
    assert lib.call("run_task_ids", host, *dim, kind) == 0
    return host[:1024].reshape(64, 16), host[1024:].reshape(64, 16)


def test_block_task_ids_cover_a_3d_grid(lib):
    ipu, mpu = task_table(lib, (3, 2, 2), BLOCK)
    rows = ipu[:12]
    assert rows[:, 14].all() and not ipu[12:, 14].any() and not mpu[:, 14].any()
    for t, row in enumerate(rows):
        x, y, z = t % 3, (t // 3) % 2, t // 6
        assert list(row[:8]) == [t, x, y, z, 12, 3, 2, 2]
    assert (rows[:, 9] == 0).all()            # clusterDim is 0 for BLOCK
    assert (rows[:, 11] == 4).all()           # coreDim: cores per cluster
    assert (rows[:, 12] == 1).all() and (rows[:, 13] == 0).all()


@pytest.mark.parametrize("kind, clusters", [(UNION1, 1), (UNION2, 2), (UNION4, 4)])
def test_union_task_ids_and_memory_cores(lib, kind, clusters):
    ipu, mpu = task_table(lib, (16, 1, 1), kind)
    for t, row in enumerate(ipu[:16]):
        k = t % (4 * clusters)
        assert list(row[[0, 4, 8, 9, 10, 11, 12, 13]]) == [t, 16, k // 4, clusters, k % 4, 4, 1, 0]
    # one memory core per cluster: coreId 0x80, taskId of core 0 of its cluster
    for c, row in enumerate(mpu[:4]):
        assert list(row[[0, 8, 9, 10, 11, 12, 13, 14]]) == [4 * c, c % clusters, clusters, 0x80, 4, 0, 1, 1]


@pytest.mark.parametrize("kind, dim_x", [(UNION1, 4), (UNION1, 16), (UNION2, 8), (UNION4, 16)])
def test_cores_exchange_tiles_through_sram(lib, kind, dim_x):
    host = np.zeros(dim_x * 64, np.float32)
    assert lib.call("run_float", b"sram_exchange", host, host.size, dim_x, kind) == 0
    got = host.reshape(dim_x, 64)
    for t in range(dim_x):
        neighbour = t - t % 4 + (t % 4 + 1) % 4
        assert (got[t] == neighbour + 1).all(), t


@pytest.mark.parametrize("kind", [UNION1, UNION2, UNION4])
def test_sync_all_orders_every_task_of_the_union(lib, kind):
    dim_x = 4 * (kind // 4)
    host = np.zeros(128, np.float32)
    assert lib.call("run_float", b"sync_all_sum", host, host.size, dim_x, kind) == 0
    assert host[100] == dim_x * (dim_x + 1) / 2


def test_sync_all_ipu_leaves_the_memory_cores_out(lib):
    host = np.zeros(128, np.float32)
    assert lib.call("run_float", b"sync_all_ipu_sum", host, host.size, 16, UNION4) == 0
    assert host[100] == 16 * 17


def test_memory_core_loads_sram_for_its_cluster(lib):
    data = np.arange(4 * 256, dtype=np.float32)
    out = np.zeros(16 * 256, np.float32)
    lib.call("run_mpu_loads_sram", data, out, 16, UNION4)
    got = out.reshape(16, 256)
    for t in range(16):
        np.testing.assert_array_equal(got[t], data[(t // 4) * 256:(t // 4 + 1) * 256] * (t % 4 + 1))
    counters = lib.counters()["launches"][-1]
    assert counters["memcpy"]["GDRAM2SRAM"] == {"calls": 4, "bytes": 4 * 1024}
    assert counters["intrinsics"]["__bang_mul_scalar"] == {"calls": 16, "elements": 16 * 256}


def test_sram_to_sram_reaches_the_other_cluster(lib):
    host = np.zeros(64, np.float32)
    assert lib.call("run_float", b"sram_to_other_cluster", host, 64, 8, UNION2) == 0
    assert (host == 42).all()


def test_block_tasks_beyond_the_core_count_run_in_turn(lib):
    host = np.full(40, -1, np.float32)
    assert lib.call("run_float", b"block_many", host, 40, 40, BLOCK) == 0
    np.testing.assert_array_equal(host, 2 * np.arange(40, dtype=np.float32))


def test_bang_lock_serialises_read_modify_write(lib):
    assert lib.call("run_locked_counter", 16) == 16 * 50


def test_async_copies_complete_at_sync(lib):
    data = np.random.default_rng(0).standard_normal(4 * 256).astype(np.float32)
    out = np.zeros_like(data)
    assert lib.call("run_async_pipeline", data, out, 4) == 0
    np.testing.assert_array_equal(out, data + 1)


def test_space_queries(lib):
    host = np.zeros(16, np.float32)
    assert lib.call("run_float", b"spaces", host, 16, 4, UNION1) == 0
    np.testing.assert_array_equal(host.reshape(4, 4), np.tile([1, 2, 4, 0], (4, 1)))
