"""Reference values and gradients for LossTableTest (PyTorch 1.13, float64 on float32-rounded inputs).

Run with Debian's PyTorch: /usr/bin/python3 nn-optim/src/test/python/loss_table.py
Prints one Java `row(...)` call per case: loss name, hyperparameters, prediction, target, value, gradient.
"""
import torch
import torch.nn.functional as F

def f32(v):
    return torch.tensor(v, dtype=torch.float32).to(torch.float64)

P23 = [[0.5, -1.5, 2.0], [0.25, 0.25, -3.0]]
T23 = [[1.0, -1.0, 0.75], [0.25, -0.5, 0.5]]
LOGITS = [[1.0, 2.0, 0.5], [-0.3, 0.8, 2.2]]
EXTREME = [[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0]]
PROBS = [[0.2, 0.5, 0.3], [0.7, 0.1, 0.2]]
LOGP = [[-1.2, -0.5, -2.0], [-0.1, -3.0, -2.5]]

CASES = []
def case(name, hp, pred, target, fn, labels=False):
    CASES.append((name, hp, pred, target, fn, labels))

for red in ("mean", "sum"):
    case("mse", {"reduction": red}, P23, T23, lambda x, t, r=red: F.mse_loss(x, t, reduction=r))
    case("half_sse", {"reduction": red}, P23, T23, lambda x, t, r=red: 0.5 * F.mse_loss(x, t, reduction=r))
    case("l1", {"reduction": red}, P23, T23, lambda x, t, r=red: F.l1_loss(x, t, reduction=r))
    case("cross_entropy", {"reduction": red}, LOGITS, [1, 2], lambda x, t, r=red: F.cross_entropy(x, t, reduction=r), True)
    case("nll", {"reduction": red}, LOGP, [2, 0], lambda x, t, r=red: F.nll_loss(x, t, reduction=r), True)
    case("hinge", {"reduction": red}, LOGITS, [0, 2], lambda x, t, r=red: F.multi_margin_loss(x, t, reduction=r), True)
    case("bce", {"reduction": red}, [[0.2, 0.9, 0.5], [0.01, 0.7, 0.4]], [[0.0, 1.0, 0.3], [1.0, 0.0, 0.5]],
         lambda x, t, r=red: F.binary_cross_entropy(x, t, reduction=r))
    case("bce_with_logits", {"reduction": red}, LOGITS, [[0.0, 1.0, 0.3], [1.0, 0.0, 0.5]],
         lambda x, t, r=red: F.binary_cross_entropy_with_logits(x, t, reduction=r))
    case("kl_div", {"reduction": red}, LOGP, PROBS, lambda x, t, r=red: F.kl_div(x, t, reduction=r))
case("l1", {}, [[1.0, 2.0]], [[1.0, 3.0]], lambda x, t: F.l1_loss(x, t))
case("huber", {}, P23, T23, lambda x, t: F.huber_loss(x, t))
case("huber", {"delta": 0.5}, P23, T23, lambda x, t: F.huber_loss(x, t, delta=0.5))
case("smooth_l1", {}, P23, T23, lambda x, t: F.smooth_l1_loss(x, t))
case("smooth_l1", {"beta": 0.5}, P23, T23, lambda x, t: F.smooth_l1_loss(x, t, beta=0.5))
case("smooth_l1", {"beta": 0.0}, P23, T23, lambda x, t: F.smooth_l1_loss(x, t, beta=0.0))
case("cross_entropy", {}, LOGITS, PROBS, lambda x, t: F.cross_entropy(x, t))
case("cross_entropy", {"labelSmoothing": 0.1}, LOGITS, [1, 2], lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1), True)
case("cross_entropy", {"labelSmoothing": 0.2}, LOGITS, PROBS, lambda x, t: F.cross_entropy(x, t, label_smoothing=0.2))
case("cross_entropy", {}, EXTREME, [0, 2], lambda x, t: F.cross_entropy(x, t), True)
case("cross_entropy", {}, EXTREME, PROBS, lambda x, t: F.cross_entropy(x, t))
case("cross_entropy", {"labelSmoothing": 0.1}, EXTREME, [2, 1], lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1), True)
case("nll", {}, EXTREME, [1, 0], lambda x, t: F.nll_loss(x, t), True)
case("hinge", {"p": 2}, LOGITS, [0, 2], lambda x, t: F.multi_margin_loss(x, t, p=2), True)
case("hinge", {"margin": 0.5}, LOGITS, [1, 1], lambda x, t: F.multi_margin_loss(x, t, margin=0.5), True)
case("hinge", {}, EXTREME, [0, 2], lambda x, t: F.multi_margin_loss(x, t), True)
case("bce", {}, [[0.0, 1.0, 1.0], [0.0, 0.5, 1e-30]], [[0.0, 1.0, 0.0], [1.0, 0.5, 1.0]], lambda x, t: F.binary_cross_entropy(x, t))
case("bce_with_logits", {}, EXTREME, [[1.0, 0.0, 0.5], [0.0, 1.0, 1.0]], lambda x, t: F.binary_cross_entropy_with_logits(x, t))
case("kl_div", {"reduction": "batchmean"}, LOGP, PROBS, lambda x, t: F.kl_div(x, t, reduction="batchmean"))
case("kl_div", {}, LOGP, [[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], lambda x, t: F.kl_div(x, t))
case("kl_div", {"logTarget": True}, LOGP, [[-1.5, -0.4, -2.0], [-0.2, -2.0, -3.0]], lambda x, t: F.kl_div(x, t, log_target=True))
case("kl_div", {}, EXTREME, PROBS, lambda x, t: F.kl_div(x, t))

def flat(v):
    return [float(a) for a in torch.tensor(v, dtype=torch.float64).flatten()]

def jf(vals):
    return "{" + ", ".join(repr(float(torch.tensor(a, dtype=torch.float32))) + "f" for a in vals) + "}"

def jhp(hp):
    items = []
    for k, v in hp.items():
        items.append(f'"{k}"')
        items.append("true" if v is True else f'"{v}"' if isinstance(v, str) else repr(v))
    return "Hyperparameters.of(" + ", ".join(items) + ")"

for name, hp, pred, target, fn, labels in CASES:
    x = f32(pred).requires_grad_(True)
    t = torch.tensor(target, dtype=torch.long) if labels else f32(target)
    value = fn(x, t)
    value.backward()
    pshape = list(x.shape)
    tshape = list(t.shape)
    print(f'        row("{name}", {jhp(hp)}, new int[] {{{", ".join(map(str, pshape))}}}, new float[] {jf(flat(pred))},')
    print(f'                new int[] {{{", ".join(map(str, tshape))}}}, new float[] {jf(flat(target))},')
    print(f'                {repr(float(value))}, new float[] {jf(x.grad.flatten().tolist())});')
