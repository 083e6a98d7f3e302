"""The reference workload in PyTorch, for bench/compare-pytorch.sh.

Fashion-MNIST, MLP 784-256-128-10 with ReLU, softmax cross-entropy, Adam lr 1e-3, batch 128,
float32, pixels scaled to [0, 1], shuffled every epoch. Prints one line per epoch and a final
machine-readable line:  RESULT <threads> <median s/epoch> <median process CPU s/epoch> <test accuracy>
Usage: pytorch_mlp.py DATA_DIR THREADS EPOCHS [--lockstep]; with --lockstep each epoch waits for a line on
standard input, and the test evaluation for its end (bench/lockstep.py alternates it epoch by epoch with
Hebb's run).
"""
import gzip
import statistics
import struct
import sys
import time

import numpy as np
import torch


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main():
    data_dir, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    lockstep = "--lockstep" in sys.argv[4:]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.from_numpy(idx(f"{data_dir}/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(idx(f"{data_dir}/train-labels-idx1-ubyte.gz").astype(np.int64))
    xt = torch.from_numpy(idx(f"{data_dir}/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    yt = torch.from_numpy(idx(f"{data_dir}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    cpu_times = []
    for epoch in range(epochs):
        if lockstep and not sys.stdin.readline():
            sys.exit(f"--lockstep: standard input ended before epoch {epoch + 1}")
        start = time.perf_counter()
        cpu = time.process_time()
        perm = torch.randperm(x.shape[0])
        total = 0.0
        for i in range(0, x.shape[0], 128):
            idx_b = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(model(x[idx_b]), y[idx_b])
            loss.backward()
            opt.step()
            total += loss.item() * idx_b.shape[0]
        seconds = time.perf_counter() - start
        times.append(seconds)
        cpu_times.append(time.process_time() - cpu)
        print(f"pytorch threads={threads} epoch {epoch + 1}: {seconds:.3f} s ({cpu_times[-1]:.3f} s CPU), "
              f"{x.shape[0] / seconds:.0f} samples/s, loss {total / x.shape[0]:.4f}", flush=True)
    if lockstep:
        sys.stdin.read()  # the other program's last epoch may still run: evaluate when the driver is done
    with torch.no_grad():
        accuracy = (model(xt).argmax(1) == yt).float().mean().item()
    print(f"RESULT {threads} {statistics.median(times):.4f} {statistics.median(cpu_times):.4f} {accuracy:.4f}")


if __name__ == "__main__":
    main()
