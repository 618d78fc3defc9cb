"""Notebook 11's exercises: what the generic test cannot see — right answers in their usual forms, exact
counts, and the mistakes found by a function (the rank whose own gradient was given)."""

import numpy as np
import pytest
import torch
from torch.utils.data import DistributedSampler

from linreg_utils.exercises.nb11 import q1, q2, q3, rank_grads


def test_q1_average_over_processes_passes_as_array_tensor_or_list():
    assert q1.diagnose(rank_grads.mean(axis=0)) is None  # float32
    assert q1.diagnose(torch.from_numpy(rank_grads).mean(dim=0)) is None
    assert q1.diagnose([0.9, -0.1]) is None
    assert q1.diagnose(np.array([0.9, -0.1])) is None  # float64


def test_q1_one_ranks_own_gradient_names_the_rank():
    assert q1.verdict(rank_grads[0]).key == "q1.own_rank"
    assert "rank 0's own gradient" in q1.diagnose(rank_grads[0])
    assert "rank 3's own gradient" in q1.diagnose(torch.from_numpy(rank_grads[3]))


def test_q1_other_answers():
    assert q1.diagnose([1.0, -0.1]) == "[ 1.  -0.1] is not the average of the four rows yet."
    assert q1.verdict(np.float32(0.35)).key == "q1.single_number"  # a numpy scalar, as rank_grads.mean() gives
    assert q1.verdict("0.9, -0.1").key == "core.array"


def test_q1_rounding():
    assert q1.diagnose([0.9001, -0.09999]) is None
    assert q1.verdict([0.92, -0.1]).key == "core.close"


def test_q2_global_batch_and_steps_pass():
    assert q2.diagnose((256, 16)) is None
    assert q2.diagnose([256, 16.0]) is None
    assert q2.diagnose((torch.tensor(256), np.int64(16))) is None


@pytest.mark.parametrize("wrong", [(257, 16), (256, 16.5), (256, 17)])
def test_q2_counts_must_be_exact(wrong):
    assert q2.diagnose(wrong) is not None


def test_q2_other_answers():
    assert q2.diagnose((256, 4)).startswith("4 steps per epoch is not right yet: one epoch is one pass")
    assert "a global batch of 200 is not right yet" in q2.diagnose((200, 16))
    assert q2.verdict(256).key == "core.numbers"


def test_q3_interleaved_indices_pass_and_match_distributed_sampler():
    truth = list(DistributedSampler(range(15), num_replicas=5, rank=3, shuffle=False))
    assert truth == [3, 8, 13]
    assert q3.diagnose(truth) is None
    assert q3.diagnose((3, 8, 13)) is None
    assert q3.diagnose(np.array([3, 8, 13])) is None
    assert q3.diagnose(torch.tensor([3, 8, 13])) is None
    assert q3.diagnose(range(3, 15, 5)) is None


@pytest.mark.parametrize("block", [[0, 1, 2], [9, 10, 11], [12, 13, 14]])
def test_q3_every_contiguous_block_is_diagnosed_as_such(block):
    assert f"{block} is a contiguous block" in q3.diagnose(block)


def test_q3_another_ranks_shard_names_that_rank():
    assert "rank 2's shard. Ranks count from 0, so rank 3 is process number 4" in q3.diagnose([2, 7, 12])
    assert "rank 4's shard" in q3.diagnose(torch.tensor([4, 9, 14]))


def test_q3_other_answers():
    assert q3.diagnose([3, 8, 14]) == "[3, 8, 14] is not rank 3's shard yet."
    assert "15 samples shared by 5 processes make 3 indices per rank" in q3.diagnose([3, 8, 13, 18])
    assert q3.verdict("3, 8, 13").key == "q3.indices"
    assert q3.verdict([3.5, 8, 13]).key == "q3.indices"
