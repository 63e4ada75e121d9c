#!/usr/bin/env python3
"""PyTorch reference for `nautilus bench train --space darts`: times training steps of the DARTS network.

Same options and the same one-line output (ending in images_per_s=<number>) as
`./nautilus bench train --space darts`, and the same network as the engine's DartsNetwork: DARTS's
NetworkCIFAR without auxiliary head and drop-path (stem conv3x3 to 3C + BN; 3N+2 cells, cells L/3 and 2L/3
reduction cells doubling the channels; ops from DARTS's operations.py, BN affine; global average pool and a
linear classifier), the factorized reduce padded back on odd sides as the engine does (a no-op on even
sides). Optimizer SGD with Nesterov momentum 0.9, learning rate 0.1, weight decay 5e-4; one fixed minibatch
of uniform 28x28x1 images and uniform labels; warm-up steps untimed. Needs python3-torch; exits with status
3 and a one-line message when torch is missing.

    python3 bench/scripts/torch_darts.py --cells 1 --channels 16 --batch 64 --steps 10 --threads 1
"""
import argparse
import resource
import sys
import time

DARTS_V2 = ("normal=[sep_conv_3x3~0,sep_conv_3x3~1|sep_conv_3x3~0,sep_conv_3x3~1|skip_connect~0,sep_conv_3x3~1"
            "|skip_connect~0,dil_conv_3x3~2]+reduce=[max_pool_3x3~0,max_pool_3x3~1|max_pool_3x3~1,skip_connect~2"
            "|max_pool_3x3~0,skip_connect~2|max_pool_3x3~1,skip_connect~2]")


def parse(genotype):
    """'normal=[op~i,op~j|...]+reduce=[...]' -> (normal, reduce), each a list of ((op, i), (op, j))."""
    cells = []
    for part, prefix in zip(genotype.split("+"), ("normal=", "reduce=")):
        if not part.startswith(prefix):
            raise ValueError(f"expected {prefix}[...], got {part}")
        nodes = []
        for node in part[len(prefix) + 1:-1].split("|"):
            edges = []
            for edge in node.split(","):
                op, source = edge.rsplit("~", 1)
                edges.append((op, int(source)))
            nodes.append(edges)
        cells.append(nodes)
    return cells


def main():
    p = argparse.ArgumentParser(description="Time DARTS training steps in PyTorch.")
    p.add_argument("--space", default="darts", choices=["darts"])
    p.add_argument("--candidate", default=DARTS_V2)
    p.add_argument("--cells", type=int, default=1, help="N normal cells per stage; 3N+2 cells in all")
    p.add_argument("--channels", type=int, default=16)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    try:
        import torch
        from torch import nn
        import torch.nn.functional as F
    except ImportError as e:
        print(f"torch_darts: PyTorch is not installed ({e}); apt-get install -y python3-torch", file=sys.stderr)
        return 3

    class ReLUConvBN(nn.Sequential):
        def __init__(self, cin, cout):
            super().__init__(nn.ReLU(), nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout))

    class SepConv(nn.Sequential):
        def __init__(self, c, k, stride):
            super().__init__(
                nn.ReLU(), nn.Conv2d(c, c, k, stride, k // 2, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False),
                nn.BatchNorm2d(c),
                nn.ReLU(), nn.Conv2d(c, c, k, 1, k // 2, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False),
                nn.BatchNorm2d(c))

    class DilConv(nn.Sequential):
        def __init__(self, c, k, stride):
            super().__init__(nn.ReLU(), nn.Conv2d(c, c, k, stride, k - 1, dilation=2, groups=c, bias=False),
                             nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c))

    class FactorizedReduce(nn.Module):
        def __init__(self, cin, cout):
            super().__init__()
            self.a = nn.Conv2d(cin, cout // 2, 1, 2, bias=False)
            self.b = nn.Conv2d(cin, cout - cout // 2, 1, 2, bias=False)
            self.bn = nn.BatchNorm2d(cout)

        def forward(self, x):
            x = F.relu(x)
            shifted = F.pad(x[:, :, 1:, 1:], (0, 1, 0, 1))
            return self.bn(torch.cat([self.a(x), self.b(shifted)], dim=1))

    def op(name, c, stride):
        if name == "skip_connect":
            return nn.Identity() if stride == 1 else FactorizedReduce(c, c)
        if name.startswith("sep_conv"):
            return SepConv(c, int(name[-1]), stride)
        if name.startswith("dil_conv"):
            return DilConv(c, int(name[-1]), stride)
        if name == "max_pool_3x3":
            return nn.MaxPool2d(3, stride, 1)
        if name == "avg_pool_3x3":
            return nn.AvgPool2d(3, stride, 1, count_include_pad=False)
        raise ValueError(f"op {name} is not supported here (none is dead code in the engine)")

    class Cell(nn.Module):
        def __init__(self, nodes, cpp, cp, c, reduction, reduction_prev):
            super().__init__()
            self.pre0 = FactorizedReduce(cpp, c) if reduction_prev else ReLUConvBN(cpp, c)
            self.pre1 = ReLUConvBN(cp, c)
            self.nodes = nodes
            self.ops = nn.ModuleList(op(name, c, 2 if reduction and source < 2 else 1)
                                     for node in nodes for name, source in node)

        def forward(self, s0, s1):
            states = [self.pre0(s0), self.pre1(s1)]
            for j, node in enumerate(self.nodes):
                states.append(sum(self.ops[2 * j + e](states[source]) for e, (_, source) in enumerate(node)))
            return torch.cat(states[2:], dim=1)

    class Network(nn.Module):
        def __init__(self, genotype, c, layers, classes):
            super().__init__()
            normal, reduce = parse(genotype)
            self.stem = nn.Sequential(nn.Conv2d(1, 3 * c, 3, padding=1, bias=False), nn.BatchNorm2d(3 * c))
            cpp, cp, cc = 3 * c, 3 * c, c
            self.cells = nn.ModuleList()
            reduction_prev = False
            for i in range(layers):
                reduction = i in (layers // 3, 2 * layers // 3)
                if reduction:
                    cc *= 2
                nodes = reduce if reduction else normal
                self.cells.append(Cell(nodes, cpp, cp, cc, reduction, reduction_prev))
                reduction_prev = reduction
                cpp, cp = cp, len(nodes) * cc
            self.classifier = nn.Linear(cp, classes)

        def forward(self, x):
            s0 = s1 = self.stem(x)
            for cell in self.cells:
                s0, s1 = s1, cell(s0, s1)
            return self.classifier(s1.mean(dim=(2, 3)))

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Network(a.candidate, a.channels, 3 * a.cells + 2, 10)
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
    print(f"pytorch-{torch.__version__} darts C={a.channels} N={a.cells} batch={a.batch} threads={a.threads} "
          f"steps={a.steps} params={params} seconds={seconds:.3f} peak_rss_mib={peak:.1f} "
          f"images_per_s={a.batch * a.steps / seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
