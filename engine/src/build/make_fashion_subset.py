#!/usr/bin/env python3
"""Regenerates the Fashion-MNIST subset bundled with nautilus-engine.

Reads the full Fashion-MNIST IDX files installed by Debian's dataset-fashion-mnist package and
writes, for each split, the first K images of every class in the order they appear in the original
file (so the subset keeps the original relative order and is exactly class-balanced).

    python3 engine/src/build/make_fashion_subset.py \
        [--source /usr/share/datasets/fashion-mnist] \
        [--dest engine/src/main/resources/org/nautilus/engine/data/fashion-mnist] \
        [--train-per-class 500] [--test-per-class 100]

Standard library only; the gzip output is byte-reproducible (mtime 0, no file name).
"""
import argparse
import gzip
import io
import os
import struct

IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049
CLASSES = 10


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    (found,) = struct.unpack(">i", data[:4])
    if found != magic:
        raise SystemExit(f"{path}: bad magic number {found}, expected {magic}")
    dims = data[3]
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def write_idx(path, magic, shape, payload):
    header = struct.pack(">i", magic) + struct.pack(">" + "i" * len(shape), *shape)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as f:
        f.write(header + payload)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def subset(source, dest, prefix, per_class):
    (n, rows, cols), pixels = read_idx(os.path.join(source, f"{prefix}-images-idx3-ubyte.gz"), IMAGES_MAGIC)
    (n_labels,), labels = read_idx(os.path.join(source, f"{prefix}-labels-idx1-ubyte.gz"), LABELS_MAGIC)
    if n != n_labels:
        raise SystemExit(f"{prefix}: {n} images but {n_labels} labels")
    size = rows * cols
    counts = [0] * CLASSES
    chosen = []
    for i in range(n):
        label = labels[i]
        if counts[label] < per_class:
            counts[label] += 1
            chosen.append(i)
    if any(c < per_class for c in counts):
        raise SystemExit(f"{prefix}: not enough images per class for {per_class}: {counts}")
    out_pixels = b"".join(pixels[i * size:(i + 1) * size] for i in chosen)
    out_labels = bytes(labels[i] for i in chosen)
    write_idx(os.path.join(dest, f"{prefix}-images-idx3-ubyte.gz"), IMAGES_MAGIC, (len(chosen), rows, cols), out_pixels)
    write_idx(os.path.join(dest, f"{prefix}-labels-idx1-ubyte.gz"), LABELS_MAGIC, (len(chosen),), out_labels)
    print(f"{prefix}: {len(chosen)} images ({per_class} per class), last source index {chosen[-1]}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--dest", default=os.path.join(here, "..", "main", "resources", "org", "nautilus",
                                                       "engine", "data", "fashion-mnist"))
    parser.add_argument("--train-per-class", type=int, default=500)
    parser.add_argument("--test-per-class", type=int, default=100)
    args = parser.parse_args()
    os.makedirs(args.dest, exist_ok=True)
    subset(args.source, args.dest, "train", args.train_per_class)
    subset(args.source, args.dest, "t10k", args.test_per_class)


if __name__ == "__main__":
    main()
