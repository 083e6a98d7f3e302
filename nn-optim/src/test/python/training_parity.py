"""End-to-end reference for TrainingParityTest (PyTorch 1.13, CPU, float32).

Run with Debian's PyTorch: /usr/bin/python3 nn-optim/src/test/python/training_parity.py
A Linear(4, 5) -> Linear(5, 3) network with PyTorch's default initialisation (seed 7), 24 samples in
fixed order, mini-batches of 6, 3 epochs; prints the initial weights, the data and, per optimizer and
loss, the final weights, all as exact hex floats.
"""
import re
import torch

import javalit

torch.manual_seed(7)
model0 = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Linear(5, 3))
X = torch.randn(24, 4)
Y = torch.randint(0, 3, (24,))
T = torch.randn(24, 3)

CASES = [
    ("sgd", "SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01), "cross_entropy"),
    ("adam", "Adam", dict(lr=0.01, amsgrad=True), "cross_entropy"),
    ("adamw", "AdamW", dict(lr=0.01), "mse"),
    ("rmsprop", "RMSprop", dict(lr=0.01, momentum=0.5, centered=True), "mse"),
    ("adagrad", "Adagrad", dict(lr=0.1, lr_decay=0.01), "cross_entropy"),
]


def hexf(x):
    h = re.sub(r"(\.[0-9a-f]*?)0+p", r"\1p", float(x).hex())
    return h.replace(".p", ".0p") + "f"


def hexes(t):
    values = [hexf(x) for x in t.detach().flatten()]
    lines = [", ".join(values[i:i + 6]) for i in range(0, len(values), 6)]
    return "{\n            " + ",\n            ".join(lines) + "}"


def params(m):
    return torch.cat([p.detach().flatten() for p in m.parameters()])


print("    private static final float[] INITIAL = " + hexes(params(model0)) + ";")
print("    private static final float[] X = " + hexes(X) + ";")
print("    private static final float[] LABELS = " + hexes(Y.float()) + ";")
print("    private static final float[] TARGETS = " + hexes(T) + ";")
for name, cls, kw, loss in CASES:
    model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Linear(5, 3))
    model.load_state_dict(model0.state_dict())
    opt = getattr(torch.optim, cls)(model.parameters(), foreach=False, **kw)
    for epoch in range(3):
        for b in range(0, 24, 6):
            opt.zero_grad()
            out = model(X[b:b + 6])
            if loss == "cross_entropy":
                l = torch.nn.functional.cross_entropy(out, Y[b:b + 6])
            else:
                l = torch.nn.functional.mse_loss(out, T[b:b + 6])
            l.backward()
            opt.step()
    print(f'    @Test\n    void {name}With{"".join(p.title() for p in loss.split("_"))}() {{')
    print(f'        check("{name}", Hyperparameters.of({javalit.hyperparameters(kw)}), "{loss}", new float[] '
          + hexes(params(model)) + ");\n    }\n")
