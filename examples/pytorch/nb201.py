"""The NAS-Bench-201 macro network in PyTorch, the same shape as Nautilus's Nb201Network.

stem conv3x3(C)-BN; three stages of N cells at C, 2C, 4C channels separated by residual reduction
blocks (ReLU-conv3x3 stride 2-BN, ReLU-conv3x3-BN, plus avgpool 2x2 + conv1x1 shortcut); head
BN-ReLU-global average pool-linear. A cell's node j sums op(j<-i)(node i) over i < j; it outputs node 3.
"""
import re

import torch
from torch import nn

OPS = ("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3")


def parse_cell(text):
    """'|op~0|+|op~0|op~1|+|op~0|op~1|op~2|' -> {(target, source): op}."""
    nodes = text.split("+")
    if len(nodes) != 3:
        raise ValueError(f"cell {text!r}: expected 3 nodes separated by '+'")
    edges = {}
    for target, node in enumerate(nodes, start=1):
        parts = [p for p in node.split("|") if p]
        if len(parts) != target:
            raise ValueError(f"cell {text!r}: node {target} needs {target} inputs, got {len(parts)}")
        for part in parts:
            match = re.fullmatch(r"([a-z0-9_]+)~(\d)", part)
            if not match or match.group(1) not in OPS:
                raise ValueError(f"cell {text!r}: bad edge {part!r}, expected op~input with op in {OPS}")
            edges[(target, int(match.group(2)))] = match.group(1)
    return edges


class ReLUConvBN(nn.Sequential):
    def __init__(self, c_in, c_out, kernel, stride):
        super().__init__(nn.ReLU(inplace=False),
                         nn.Conv2d(c_in, c_out, kernel, stride, padding=kernel // 2, bias=False),
                         nn.BatchNorm2d(c_out))


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


def make_op(name, channels):
    if name == "none":
        return Zero()
    if name == "skip_connect":
        return nn.Identity()
    if name == "nor_conv_1x1":
        return ReLUConvBN(channels, channels, 1, 1)
    if name == "nor_conv_3x3":
        return ReLUConvBN(channels, channels, 3, 1)
    return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)


class Cell(nn.Module):
    def __init__(self, edges, channels):
        super().__init__()
        self.keys = sorted(edges)
        self.ops = nn.ModuleDict({f"{t}_{s}": make_op(edges[(t, s)], channels) for t, s in self.keys})

    def forward(self, x):
        nodes = [x]
        for target in range(1, 4):
            nodes.append(sum(self.ops[f"{target}_{s}"](nodes[s]) for s in range(target)))
        return nodes[3]


class Reduction(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.a = ReLUConvBN(c_in, c_out, 3, 2)
        self.b = ReLUConvBN(c_out, c_out, 3, 1)
        self.shortcut = nn.Sequential(nn.AvgPool2d(2, 2), nn.Conv2d(c_in, c_out, 1, bias=False))

    def forward(self, x):
        return self.shortcut(x) + self.b(self.a(x))


class Nb201Network(nn.Module):
    def __init__(self, cell, channels=16, cells_per_stage=5, in_channels=1, classes=10):
        super().__init__()
        edges = parse_cell(cell)
        layers = [nn.Conv2d(in_channels, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels)]
        c = channels
        for stage in range(3):
            if stage > 0:
                layers.append(Reduction(c, 2 * c))
                c *= 2
            layers.extend(Cell(edges, c) for _ in range(cells_per_stage))
        layers += [nn.BatchNorm2d(c), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, classes)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def he_init(model, generator):
    """He-normal conv weights from a seeded generator, as Nautilus does."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            fan_in = m.in_channels * m.kernel_size[0] * m.kernel_size[1]
            with torch.no_grad():
                m.weight.normal_(0.0, (2.0 / fan_in) ** 0.5, generator=generator)
