#!/usr/bin/env python3
"""PyTorch reference for `nautilus bench train`: times training steps of the NAS-Bench-201 network.

Same options and the same one-line output (ending in images_per_s=<number>) as
`./nautilus bench train`, the same network (examples/pytorch/nb201.py), optimizer (SGD, Nesterov
momentum 0.9, learning rate 0.1, weight decay 5e-4) and synthetic data (one fixed minibatch of uniform
28x28x1 images and uniform labels), warm-up steps untimed. Needs python3-torch; exits with status 3
and a one-line message when torch is missing, so a bench run can skip it.

    python3 bench/scripts/torch_nb201.py --cells 1 --channels 16 --batch 128 --steps 20 --threads 1
"""
import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "pytorch"))

BEST = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"


def main():
    p = argparse.ArgumentParser(description="Time NAS-Bench-201 training steps in PyTorch.")
    p.add_argument("--space", default="nb201", choices=["nb201"])
    p.add_argument("--candidate", default=BEST)
    p.add_argument("--cells", type=int, default=1)
    p.add_argument("--channels", type=int, default=16)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    try:
        import torch
        from torch import nn
        from nb201 import Nb201Network
    except ImportError as e:
        print(f"torch_nb201: PyTorch is not installed ({e}); apt-get install -y python3-torch", file=sys.stderr)
        return 3
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Nb201Network(a.candidate, a.channels, a.cells, 1, 10)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(a.seed)
    x = torch.rand(a.batch, 1, 28, 28, generator=g)
    y = torch.randint(0, 10, (a.batch,), generator=g)

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    seconds = time.perf_counter() - start
    params = sum(t.numel() for t in model.parameters())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux
    print(f"pytorch-{torch.__version__} nb201 C={a.channels} N={a.cells} batch={a.batch} threads={a.threads} "
          f"steps={a.steps} params={params} seconds={seconds:.3f} peak_rss_mib={peak:.1f} "
          f"images_per_s={a.batch * a.steps / seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
