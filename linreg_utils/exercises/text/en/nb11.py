"""Notebook 11's exercise messages (English)."""

TEXT = {
    # q1: the gradient every process holds after the all-reduce
    "q1.hint1": "After the all-reduce every process holds the same gradient, made from all four rows (one row per "
    "process).",
    "q1.hint2": "DDP averages the rows: rank_grads.mean(axis=...). Which axis runs over the processes?",
    "q1.single_number": "that is a single number: you averaged over everything. Average over the processes only "
    "(the rows, axis=0) and keep one value for w and one for b.",
    "q1.per_process": "you got one number per process: that averages w's and b's gradients together (axis=1). "
    "The all-reduce averages across the processes, the rows: axis=0.",
    "q1.shape": "your gradient has shape {got.shape}, expected (2,): one value for w and one for b.",
    "q1.sum": "you summed the gradients. dist.all_reduce adds them up, but DDP then divides by the world size "
    "({world}): the processes step with the *average*, the gradient of the mean loss.",
    "q1.own_rank": "that is rank {rank}'s own gradient. After the all-reduce every process holds the same "
    "combination of all four rows.",
    "q1.otherwise": "{shown} is not the average of the four rows yet.",
    # q2: (global batch size, steps per epoch)
    "q2.hint1": "The batch_size is per process, so one step uses world_size × batch_size samples in all.",
    "q2.hint2": "Each process's shard holds n / world_size samples, and one epoch walks through it in batches of "
    "batch_size.",
    "q2.swapped": "the two numbers are swapped: give (global_batch_size, steps_per_epoch), the global batch size "
    "first.",
    "q2.one_process": "{batch} is the batch of *one* process. In one step all {world} processes each use {batch} "
    "samples, and their gradients are averaged: how many samples is that together?",
    "q2.split": "DDP does not split the batch_size between processes: each process's DataLoader takes {batch} "
    "samples per step.",
    "q2.global": "a global batch of {got[0]:g} is not right yet: processes × samples per process.",
    "q2.all_samples": "{all_steps} steps is what one process needs for all {n} samples. Each process only walks "
    "its own shard of {shard} samples.",
    "q2.shard_size": "{shard} is the number of samples in each process's shard, but a step takes a batch of "
    "{batch} of them: how many steps make one pass?",
    "q2.steps": "{got[1]:g} steps per epoch is not right yet: one epoch is one pass over each process's shard.",
    # q3: DistributedSampler's indices for rank 3
    "q3.hint1": "The sampler does not cut the data into blocks: it deals the indices out like cards, one to each "
    "rank in turn.",
    "q3.hint2": "Rank 0 gets 0, 5, 10; rank 1 gets 1, 6, 11; ranks count from 0.",
    "q3.indices": "give the indices as a list of whole numbers, e.g. [0, 1, 2].",
    "q3.length": "you gave {got}: {n} samples shared by {world} processes make {size} indices per rank.",
    "q3.block": "{got} is a contiguous block. DistributedSampler deals the indices out like cards: rank r takes "
    "r, r + {world}, r + {world2}, ...",
    "q3.other_rank": "that is rank {got[0]}'s shard. Ranks count from 0, so rank {rank} is process number "
    "{process} and its first index is {rank}.",
    "q3.order": "the right indices, but with shuffle=False the sampler keeps them in increasing order.",
    "q3.otherwise": "{got} is not rank {rank}'s shard yet.",
}
