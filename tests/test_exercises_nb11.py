import numpy as np
import torch
from torch.utils.data import DistributedSampler

from linreg_utils.exercises import ____
from linreg_utils.exercises.nb11 import SHARD_GRADS, q1, q2, q3


def test_blank_answers_ask_to_replace_the_blank():
    for q in (q1, q2, q3):
        assert "replace ____" in q.diagnose(____)


def test_q1_average_over_processes_passes_as_array_tensor_or_list():
    assert q1.diagnose(SHARD_GRADS.mean(axis=0)) is None
    assert q1.diagnose(torch.from_numpy(SHARD_GRADS).mean(dim=0)) is None
    assert q1.diagnose([0.9, -0.1]) is None
    assert q1.diagnose(np.array([0.9, -0.1])) is None


def test_q1_summing_instead_of_averaging_is_named():
    message = q1.diagnose(SHARD_GRADS.sum(axis=0))
    assert "you summed" in message and "divides by the world size" in message


def test_q1_wrong_axis_single_number_and_own_gradient_are_named():
    assert "axis=0" in q1.diagnose(SHARD_GRADS.mean(axis=1))
    assert "single number" in q1.diagnose(SHARD_GRADS.mean())
    assert "rank 0's own gradient" in q1.diagnose(SHARD_GRADS[0])
    assert "rank 3's own gradient" in q1.diagnose(SHARD_GRADS[3])
    assert "not the average" in q1.diagnose([1.0, -0.1])
    assert "array of two numbers" in q1.diagnose("0.9, -0.1")


def test_q2_global_batch_and_steps_pass():
    assert q2.diagnose((256, 16)) is None
    assert q2.diagnose([256, 16.0]) is None
    assert q2.diagnose((torch.tensor(256), np.int64(16))) is None


def test_q2_per_process_batch_split_batch_and_single_process_steps_are_named():
    assert "*one* process" in q2.diagnose((64, 16))
    assert "does not split" in q2.diagnose((16, 16))
    assert "own shard of 1024" in q2.diagnose((256, 64))
    assert "not right yet" in q2.diagnose((256, 4))
    assert "not right yet" in q2.diagnose((512, 16))
    assert "pair of two numbers" in q2.diagnose(256)


def test_q3_interleaved_indices_pass_and_match_distributed_sampler():
    truth = list(DistributedSampler(range(15), num_replicas=5, rank=3, shuffle=False))
    assert truth == [3, 8, 13]
    assert q3.diagnose(truth) is None
    assert q3.diagnose((3, 8, 13)) is None
    assert q3.diagnose(np.array([3, 8, 13])) is None
    assert q3.diagnose(torch.tensor([3, 8, 13])) is None
    assert q3.diagnose(range(3, 15, 5)) is None


def test_q3_contiguous_blocks_are_diagnosed_as_such():
    for block in ([0, 1, 2], [9, 10, 11], [12, 13, 14]):
        assert "contiguous block" in q3.diagnose(block)


def test_q3_off_by_one_rank_wrong_length_and_order_are_named():
    assert "rank 2's shard. Ranks count from 0" in q3.diagnose([2, 7, 12])
    assert "rank 4's shard" in q3.diagnose([4, 9, 14])
    assert "15 samples shared by 5 processes make 3" in q3.diagnose([3, 8])
    assert "increasing order" in q3.diagnose([13, 8, 3])
    assert "not rank 3's shard" in q3.diagnose([3, 8, 14])
    assert "list of whole numbers" in q3.diagnose("3, 8, 13")


def test_check_hint_and_solution_print(capsys):
    q3.check([3, 8, 13])
    q3.check([9, 10, 11])
    q3.hint()
    q3.solution()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "✅ Correct!"
    assert out[1].startswith("❌ Not yet: [9, 10, 11] is a contiguous block")
    assert out[2].startswith("💡 Hint:")
    assert out[3] == "Solution:" and "answer = [3, 8, 13]" in out[4]
