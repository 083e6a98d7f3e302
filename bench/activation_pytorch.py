#!/usr/bin/python3
"""Times PyTorch's element-wise activations on [128, 256] float32, forward and backward, on one thread:
the counterpart of nn-bench's ActivationBenchmark (same shape, inputs uniform in [-1, 1]).

Forward writes into a preallocated output (out=) where PyTorch offers it, as Hebb does; backward calls
the activation's own ATen backward kernel (what autograd runs) into a preallocated gradient, so neither
side pays for autograd bookkeeping or allocation. softsign has no kernel of its own in PyTorch: autograd
composes it from abs, add, div; its backward is timed through autograd.

Usage: /usr/bin/python3 bench/activation_pytorch.py [REPEATS]   (one line per activation, µs per call)
"""
import sys
import time
import timeit

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
aten = torch.ops.aten
g = torch.Generator().manual_seed(1)
x = torch.rand(128, 256, generator=g) * 2 - 1
dy = torch.rand(128, 256, generator=g) * 2 - 1
y = torch.empty_like(x)
dx = torch.empty_like(x)


def softsign_backward():
    xs = x.detach().requires_grad_()
    out = F.softsign(xs)
    out.backward(dy)


def forward_out(op, *args):
    return lambda: op(x, *args, out=y)


# name: (forward, backward); backward kernels take the output where PyTorch's autograd does.
CASES = {
    "relu": (lambda: torch.clamp_min(x, 0, out=y), lambda: aten.threshold_backward.grad_input(dy, x, 0, grad_input=dx)),
    "leaky_relu": (lambda: aten.leaky_relu.out(x, 0.01, out=y),
                   lambda: aten.leaky_relu_backward.grad_input(dy, x, 0.01, False, grad_input=dx)),
    "sigmoid": (forward_out(torch.sigmoid), lambda: aten.sigmoid_backward.grad_input(dy, y_sigmoid, grad_input=dx)),
    "tanh": (forward_out(torch.tanh), lambda: aten.tanh_backward.grad_input(dy, y_tanh, grad_input=dx)),
    "gelu": (lambda: aten.gelu.out(x, out=y), lambda: aten.gelu_backward.grad_input(dy, x, grad_input=dx)),
    "gelu:approximate=tanh": (lambda: aten.gelu.out(x, approximate="tanh", out=y),
                              lambda: aten.gelu_backward.grad_input(dy, x, approximate="tanh", grad_input=dx)),
    "silu": (lambda: aten.silu.out(x, out=y), lambda: aten.silu_backward.grad_input(dy, x, grad_input=dx)),
    "mish": (lambda: aten.mish.out(x, out=y), lambda: aten.mish_backward(dy, x)),
    "softplus": (lambda: aten.softplus.out(x, 1, 20, out=y),
                 lambda: aten.softplus_backward.grad_input(dy, x, 1, 20, grad_input=dx)),
    "elu": (lambda: aten.elu.out(x, 1.0, 1, 1, out=y),
            lambda: aten.elu_backward.grad_input(dy, 1.0, 1, 1, False, x, grad_input=dx)),
    "selu": (lambda: aten.elu.out(x, 1.6732632423543772, 1.0507009873554805, 1, out=y),
             lambda: aten.elu_backward.grad_input(dy, 1.6732632423543772, 1.0507009873554805, 1, False, x,
                                                  grad_input=dx)),
    "celu": (lambda: aten.elu.out(x, 1.0, 1, 1.0, out=y),
             lambda: aten.elu_backward.grad_input(dy, 1.0, 1, 1.0, False, x, grad_input=dx)),
    "softsign": (lambda: F.softsign(x), softsign_backward),
    "hardtanh": (lambda: aten.hardtanh.out(x, -1, 1, out=y),
                 lambda: aten.hardtanh_backward.grad_input(dy, x, -1, 1, grad_input=dx)),
    "hardsigmoid": (lambda: aten.hardsigmoid.out(x, out=y), lambda: aten.hardsigmoid_backward(dy, x)),
    "hardswish": (lambda: aten.hardswish.out(x, out=y), lambda: aten.hardswish_backward(dy, x)),
    "relu6": (lambda: aten.hardtanh.out(x, 0, 6, out=y),
              lambda: aten.hardtanh_backward.grad_input(dy, x, 0, 6, grad_input=dx)),
    "softmax": (lambda: aten._softmax.out(x, 1, False, out=y),
                lambda: aten._softmax_backward_data.out(dy, y_softmax, 1, torch.float32, grad_input=dx)),
}

y_sigmoid = torch.sigmoid(x)
y_tanh = torch.tanh(x)
y_softmax = torch.softmax(x, 1)


def timings(fn, repeats):
    """(median wall, best process CPU) over `repeats` batches of 200 calls, in µs per call (warm-up discarded)."""
    wall = timeit.Timer(fn)
    wall.repeat(3, 200)
    walls = sorted(t / 200 * 1e6 for t in wall.repeat(repeats, 200))
    cpu = min(t / 200 * 1e6 for t in timeit.Timer(fn, timer=time.process_time).repeat(repeats, 200))
    return walls[len(walls) // 2], cpu


if __name__ == "__main__":
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, shape [128, 256], µs per call:"
          " median wall time, best process CPU time")
    print(f"{'activation':24s} {'fwd wall':>9s} {'bwd wall':>9s} {'fwd CPU':>9s} {'bwd CPU':>9s}")
    for name, (fwd, bwd) in CASES.items():
        fw, fc = timings(fwd, repeats)
        bw, bc = timings(bwd, repeats)
        print(f"{name:24s} {fw:9.2f} {bw:9.2f} {fc:9.2f} {bc:9.2f}", flush=True)
