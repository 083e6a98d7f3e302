"""Bitwise reference for OptimizerBitwiseParityTest (PyTorch 1.13, foreach=False, x86-64 CPU with AVX2/FMA).

Run with Debian's PyTorch: /usr/bin/python3 nn-optim/src/test/python/optimizer_parity.py
A 37-element parameter (two 16-wide vector blocks of PyTorch's CPU kernels plus a 5-element scalar
tail), gradient g_k = w*c - b*s_k, three steps; prints inputs and final weights as exact hex floats.
"""
import re
import torch

import javalit

torch.manual_seed(2024)
N = 37
W0 = torch.randn(N)
C = torch.randn(N)
B = torch.randn(N)
S = [1.0, 0.5, 0.1]

CASES = [
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ("adam", "Adam", dict(lr=0.01, amsgrad=True, weight_decay=0.01, betas=(0.9, 0.5))),
    ("adamw", "AdamW", dict(lr=0.01)),
    ("rmsprop", "RMSprop", dict(lr=0.01, centered=True, momentum=0.9, weight_decay=0.01)),
    ("rmsprop", "RMSprop", dict(lr=0.01)),
    ("adagrad", "Adagrad", dict(lr=0.1, lr_decay=0.1, initial_accumulator_value=0.1, weight_decay=0.01)),
]

def hexf(x):
    h = re.sub(r"(\.[0-9a-f]*?)0+p", r"\1p", float(x).hex())
    return h.replace(".p", ".0p") + "f"

def hexes(t):
    return "{" + ", ".join(hexf(x) for x in t) + "}"

print("    private static final float[] W0 = " + hexes(W0) + ";")
print("    private static final float[] C = " + hexes(C) + ";")
print("    private static final float[] B = " + hexes(B) + ";")
for name, cls, kw in CASES:
    w = W0.clone().requires_grad_(True)
    opt = getattr(torch.optim, cls)([w], foreach=False, **kw)
    for s in S:
        w.grad = w.detach() * C - B * s
        opt.step()
    args = javalit.hyperparameters(kw)
    print(f'        check("{name}", Hyperparameters.of({args}),\n                new float[] ' + hexes(w.detach()) + ");")
