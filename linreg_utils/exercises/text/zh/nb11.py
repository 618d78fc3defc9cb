"""Notebook 11's exercise messages (简体中文)."""

TEXT = {
    # q1: the gradient every process holds after the all-reduce
    "q1.hint1": "全归约（all-reduce）之后，每个进程（process）拿到的都是同一个梯度，它由全部四行算出（每个进程一行）。",
    "q1.hint2": "DDP 会对这些行取平均：rank_grads.mean(axis=...)。哪个轴对应的是各个进程？",
    "q1.single_number": "这是一个单独的数：你对所有元素都取了平均。只需要在各进程之间（也就是各行，axis=0）取平均，"
    "为 w 和 b 各保留一个值。",
    "q1.per_process": "你得到的是每个进程一个数：这是把 w 和 b 的梯度混在一起平均了（axis=1）。全归约是在各进程之间，"
    "也就是沿着行取平均：axis=0。",
    "q1.shape": "你的梯度形状是 {got.shape}，应该是 (2,)：w 一个值，b 一个值。",
    "q1.sum": "你把梯度加起来了。dist.all_reduce 确实是求和，但 DDP 随后会再除以进程总数（world size，这里是 {world}）"
    "：各进程用*平均*梯度来更新参数，也就是平均损失的梯度。",
    "q1.own_rank": "这是 rank {rank} 自己的梯度。全归约之后，每个进程拿到的都是全部四行的同一个组合。",
    "q1.otherwise": "{shown} 还不是这四行的平均值。",
    # q2: (global batch size, steps per epoch)
    "q2.hint1": "batch_size 是每个进程各自的，所以一步总共用到 world_size × batch_size 个样本。",
    "q2.hint2": "每个进程的分片（shard）有 n / world_size 个样本，一轮（epoch）就是以 batch_size 为一批把它走一遍。",
    "q2.swapped": "两个数弄反了：请给出 (global_batch_size, steps_per_epoch)，全局批大小在前。",
    "q2.one_process": "{batch} 是*一个*进程的批大小。每一步里，{world} 个进程各用 {batch} 个样本，再把它们的梯度平均："
    "加起来一共是多少个样本？",
    "q2.split": "DDP 不会把 batch_size 分摊给各个进程：每个进程的 DataLoader 每一步都取 {batch} 个样本。",
    "q2.global": "全局批大小 {got[0]:g} 还不对：进程数 × 每个进程的样本数。",
    "q2.all_samples": "{all_steps} 步是一个进程处理全部 {n} 个样本所需的步数。"
    "但每个进程只遍历自己那份有 {shard} 个样本的分片。",
    "q2.shard_size": "{shard} 是每个进程的分片里的样本数，但每一步只取其中 {batch} 个组成一批：要几步才能走完一遍？",
    "q2.steps": "每轮 {got[1]:g} 步还不对：一轮就是把每个进程的分片走一遍。",
    # q3: DistributedSampler's indices for rank 3
    "q3.hint1": "采样器并不是把数据切成连续的块：它像发牌一样分发下标，轮流给每个 rank 发一个。",
    "q3.hint2": "rank 0 拿到 0, 5, 10；rank 1 拿到 1, 6, 11；rank 从 0 开始编号。",
    "q3.indices": "请把下标写成整数列表，例如 [0, 1, 2]。",
    "q3.length": "你给的是 {got}：{n} 个样本分给 {world} 个进程，每个 rank 应该有 {size} 个下标。",
    "q3.block": "{got} 是一段连续的块。DistributedSampler 像发牌一样分发下标："
    "rank r 拿到 r, r + {world}, r + {world2}, ...",
    "q3.other_rank": "这是 rank {got[0]} 的分片。rank 从 0 开始编号，所以 rank {rank} 是第 {process} 个进程，"
    "它的第一个下标是 {rank}。",
    "q3.order": "下标都对了，但在 shuffle=False 时，采样器会把它们按从小到大的顺序排列。",
    "q3.otherwise": "{got} 还不是 rank {rank} 的分片。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "array([ 0.9, -0.1])",
    "q1.2": "axis=0 表示沿着“进程”这一维求平均。all_reduce 把四行加起来；DDP 再除以进程总数（world size）4。",
    "q2.2": "4 个进程 x 每个 64 个样本 = 每步 256 个；每个分片有 1024 个样本 = 16 个大小为 64 的小批量。",
    "q3.1": "list(range(rank, n, world_size)) = list(range(3, 15, 5))；可以这样验证：",
    "q3.2": "list(DistributedSampler(range(15), num_replicas=5, rank=3, shuffle=False))",
}
