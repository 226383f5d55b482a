"""Shared by the peer benchmarks: the MNIST files VPF Lab reads, binarised as VPF Lab does
(pixel / 255 > 0.5), the BLAS numpy really uses, and the one-line JSON each script prints."""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np


def data_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("VPF_DATA_DIR", os.path.join(here, "..", "..", "data"))


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def mnist(split):
    """'train' or 'test' images as float32 rows of 0/1, binarised at 0.5 like `vpf`."""
    name = {"train": "train-images-idx3-ubyte", "test": "t10k-images-idx3-ubyte"}[split]
    base = os.path.join(data_dir(), "mnist", name)
    path = base if os.path.exists(base) else base + ".gz"
    images = read_idx(path).reshape(-1, 28 * 28)
    return (images.astype(np.float32) / 255.0 > 0.5).astype(np.float32)


def blas_name():
    """The BLAS library numpy calls (Debian's reference BLAS is ~30x slower than OpenBLAS)."""
    try:
        from threadpoolctl import threadpool_info
        libs = [f"{i.get('internal_api')} {i.get('version') or ''}".strip() for i in threadpool_info()
                if i.get("user_api") == "blas"]
        if libs:
            return ", ".join(libs)
    except ImportError:
        pass
    with open("/proc/self/maps") as maps:
        for line in maps:
            for lib in ("openblas", "libblas", "mkl", "blis"):
                if lib in line:
                    return os.path.basename(line.split()[-1])
    return "unknown"


def rbm_arguments(**extra):
    """--hidden and --repeats, the options every RBM epoch peer takes, plus `extra` as
    name=default pairs (e.g. threads=1)."""
    p = argparse.ArgumentParser()
    p.add_argument("--hidden", type=int, default=400)
    p.add_argument("--repeats", type=int, default=1)
    for name, default in extra.items():
        p.add_argument("--" + name, type=type(default), default=default)
    return p.parse_args()


def median_seconds(run, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], times


def report(**figures):
    figures.setdefault("blas", blas_name())
    figures.setdefault("python", sys.version.split()[0])
    print(json.dumps(figures))
