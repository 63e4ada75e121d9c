#!/usr/bin/env python3
"""Trains one NAS-Bench-201 candidate for Nautilus's process trainer (protocol version 1).

Use in a search spec:
    trainer:
      kind: process
      settings:
        command: [python3, examples/pytorch/train_nb201.py, --data, /usr/share/datasets/fashion-mnist]

Reads the request (JSON) from the file named by $NAUTILUS_REQUEST, or from standard input; trains on
the GPU that CUDA_VISIBLE_DEVICES leaves visible (else the CPU); writes one JSON line per epoch and a
final result on standard output; everything else goes to standard error (the trial's log).

Hyperparameters read from the request (all optional): learning_rate (0.1), batch_size (128),
optimizer (nesterov: sgd, momentum, nesterov, adagrad, rmsprop, adam), momentum (0.9), beta1, beta2,
epsilon, weight_decay (5e-4), lr_schedule (cosine: constant, step, exponential, cosine, cyclical),
channels (16), cells_per_stage (5).

Data: Fashion-MNIST (or MNIST) as the four IDX files, gzipped or not; the last 10% of the training file
is the validation split, the test file is evaluated once, after the last epoch.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nb201 import Nb201Network, he_init  # noqa: E402


def reply(obj):
    print(json.dumps(obj), flush=True)


def read_idx(path):
    for candidate in (path + ".gz", path):
        if os.path.exists(candidate):
            with open(candidate, "rb") as f:
                data = f.read()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            magic, count = struct.unpack(">II", data[:8])
            if magic == 2051:
                rows, cols = struct.unpack(">II", data[8:16])
                return np.frombuffer(data, np.uint8, offset=16).reshape(count, 1, rows, cols)
            if magic == 2049:
                return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)
            raise ValueError(f"{candidate}: bad magic number {magic} at byte 0, expected 2049 or 2051")
    raise FileNotFoundError(f"{path}[.gz]: no such file")


def load(data_dir):
    def pair(prefix):
        x = torch.from_numpy(read_idx(os.path.join(data_dir, prefix + "-images-idx3-ubyte")).astype(np.float32) / 255)
        y = torch.from_numpy(read_idx(os.path.join(data_dir, prefix + "-labels-idx1-ubyte")))
        return x, y
    x, y = pair("train")
    n_val = len(y) // 10
    return (x[:-n_val], y[:-n_val]), (x[-n_val:], y[-n_val:]), pair("t10k")


def optimizer_for(hp, params):
    lr = float(hp.get("learning_rate", 0.1))
    wd = float(hp.get("weight_decay", 5e-4))
    name = hp.get("optimizer", "nesterov")
    momentum = float(hp.get("momentum", 0.9))
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=name == "nesterov", weight_decay=wd)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, weight_decay=wd)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, momentum=momentum, weight_decay=wd)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(float(hp.get("beta1", 0.9)), float(hp.get("beta2", 0.999))),
                                eps=float(hp.get("epsilon", 1e-8)), weight_decay=wd)
    raise ValueError(f"hyperparameter optimizer: unknown value {name!r}")


def lr_factor(schedule, step, total):
    progress = step / max(1, total)
    if schedule == "constant":
        return 1.0
    if schedule == "step":
        return 0.1 ** int(progress * 3)
    if schedule == "exponential":
        return 0.01 ** progress
    if schedule == "cyclical":
        cycle = (progress * 4) % 1.0
        return 0.1 + 0.9 * (1 - abs(2 * cycle - 1))
    return 0.5 * (1 + math.cos(math.pi * progress))


def accuracy(model, x, y, device, batch=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(y), batch):
            correct += (model(x[i:i + batch].to(device)).argmax(1).cpu() == y[i:i + batch]).sum().item()
    return correct / len(y)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: PyTorch's default)")
    args = parser.parse_args()
    path = os.environ.get("NAUTILUS_REQUEST")
    request = json.load(open(path)) if path else json.loads(sys.stdin.readline())
    if request.get("protocol") != 1:
        reply({"error": f"unsupported protocol {request.get('protocol')!r}, this script speaks 1", "retryable": False})
        return 0
    hp = request.get("hyperparameters", {})
    torch.manual_seed(request["seed"])
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    print(f"trial {request['trial']} on {device}: {request['candidate']}", file=sys.stderr)
    (xt, yt), (xv, yv), (xs, ys) = load(args.data)
    model = Nb201Network(request["cell"], int(hp.get("channels", 16)), int(hp.get("cells_per_stage", 5)),
                         xt.shape[1], int(yt.max()) + 1)
    he_init(model, torch.Generator().manual_seed(request["seed"]))
    model.to(device)
    optimizer = optimizer_for(hp, model.parameters())
    batch = int(hp.get("batch_size", 128))
    epochs = request["epochs"]
    steps_per_epoch = len(yt) // batch
    schedule = hp.get("lr_schedule", "cosine")
    base_lrs = [g["lr"] for g in optimizer.param_groups]
    loss_fn = nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(request["seed"])
    train_seconds = 0.0
    step = 0
    val = float("nan")
    loss_mean = float("nan")
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(len(yt), generator=shuffle)
        total = 0.0
        start = time.perf_counter()
        for b in range(steps_per_epoch):
            for group, base in zip(optimizer.param_groups, base_lrs):
                group["lr"] = base * lr_factor(schedule, step, steps_per_epoch * epochs)
            idx = order[b * batch:(b + 1) * batch]
            loss = loss_fn(model(xt[idx].to(device)), yt[idx].to(device))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += loss.item()
            step += 1
            if not math.isfinite(loss.item()):
                break  # reported below as NaN: the trainer fails the trial as diverged
        seconds = time.perf_counter() - start
        train_seconds += seconds
        loss_mean = total / steps_per_epoch
        if math.isfinite(loss_mean):
            val = accuracy(model, xv, yv, device)
        reply({"epoch": epoch, "metrics": {"loss": loss_mean, "val_accuracy": val,
                                           "images_per_second": steps_per_epoch * batch / seconds}})
        if not math.isfinite(loss_mean):
            return 0
    reply({"result": {"val_accuracy": val, "test_accuracy": accuracy(model, xs, ys, device), "loss": loss_mean,
                      "params": float(sum(p.numel() for p in model.parameters())),
                      "train_seconds": train_seconds}})
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except torch.cuda.OutOfMemoryError as e:  # another process may hold the memory: worth a retry
        reply({"error": f"CUDA out of memory: {str(e).splitlines()[0]}", "retryable": True})
        sys.exit(0)
