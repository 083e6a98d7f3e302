"""Reference trajectories for OptimizerTrajectoryTest (PyTorch 1.13, single-tensor updates, CPU).

Run with Debian's PyTorch: /usr/bin/python3 nn-optim/src/test/python/optimizer_trajectories.py
Each case: a 4-element float32 parameter w, gradient g_k = w*c - b*s_k at step k (s = 1, 0.5, 0.1),
three optimizer steps; prints w after every step as Java float literals.
"""
import torch

import javalit

W0 = [0.5, -1.25, 2.0, -0.125]
C = [1.5, -0.75, 0.25, 2.0]
B = [0.1, 0.3, -0.7, 1.1]
S = [1.0, 0.5, 0.1]

CASES = [
    ("sgd", "SGD", dict(lr=0.1)),
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9)),
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9, dampening=0.5)),
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("sgd", "SGD", dict(lr=0.1, weight_decay=0.1)),
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1)),
    ("adam", "Adam", dict()),
    ("adam", "Adam", dict(lr=0.1)),
    ("adam", "Adam", dict(lr=0.1, betas=(0.9, 0.5), amsgrad=True)),
    ("adam", "Adam", dict(lr=0.1, weight_decay=0.1)),
    ("adam", "Adam", dict(lr=0.1, betas=(0.8, 0.99), eps=1e-3)),
    ("adamw", "AdamW", dict(lr=0.1)),
    ("adamw", "AdamW", dict(lr=0.1, weight_decay=0.5)),
    ("adamw", "AdamW", dict(lr=0.1, betas=(0.9, 0.5), amsgrad=True)),
    ("rmsprop", "RMSprop", dict()),
    ("rmsprop", "RMSprop", dict(lr=0.01, alpha=0.9, eps=1e-3)),
    ("rmsprop", "RMSprop", dict(lr=0.01, momentum=0.9)),
    ("rmsprop", "RMSprop", dict(lr=0.01, centered=True)),
    ("rmsprop", "RMSprop", dict(lr=0.01, centered=True, momentum=0.5, weight_decay=0.1)),
    ("adagrad", "Adagrad", dict()),
    ("adagrad", "Adagrad", dict(lr=0.1, lr_decay=0.5)),
    ("adagrad", "Adagrad", dict(lr=0.1, initial_accumulator_value=0.5)),
    ("adagrad", "Adagrad", dict(lr=0.1, weight_decay=0.1, eps=1e-3)),
]

for name, cls, kw in CASES:
    w = torch.tensor(W0, dtype=torch.float32, requires_grad=True)
    c = torch.tensor(C); b = torch.tensor(B)
    opt = getattr(torch.optim, cls)([w], foreach=False, **kw)
    rows = []
    for s in S:
        w.grad = w.detach() * c - b * s
        opt.step()
        rows.append(", ".join(repr(float(x)) + "f" for x in w.detach()))
    args = javalit.hyperparameters(kw)
    print(f'        check("{name}", Hyperparameters.of({args}),')
    print("                " + ",\n                ".join("new float[] {" + r + "}" for r in rows) + ");")
