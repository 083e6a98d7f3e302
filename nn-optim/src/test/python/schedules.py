"""Reference learning-rate sequences for ScheduleTest (PyTorch 1.13 lr_scheduler, stepped once per epoch).

Run with Debian's PyTorch: /usr/bin/python3 nn-optim/src/test/python/schedules.py
Prints, per scheduler, the optimizer's lr during epochs 0..N-1 (read before each scheduler.step()).
"""
import warnings
import torch
from torch.optim import lr_scheduler as S

warnings.simplefilter("ignore")

def seq(make, epochs, base=0.1):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
    sched = make(opt)
    out = []
    for _ in range(epochs):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out

CASES = {
    "step(stepSize=3, gamma=0.5)": lambda o: S.StepLR(o, step_size=3, gamma=0.5),
    "step(stepSize=2)": lambda o: S.StepLR(o, step_size=2),
    "exponential(gamma=0.9)": lambda o: S.ExponentialLR(o, gamma=0.9),
    "cosine(tMax=10)": lambda o: S.CosineAnnealingLR(o, T_max=10),
    "cosine(tMax=5, etaMin=0.01)": lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.01),
    "LinearLR(total_iters=4)": lambda o: S.LinearLR(o, total_iters=4),
    "LinearLR(start_factor=0.1, total_iters=3)": lambda o: S.LinearLR(o, start_factor=0.1, total_iters=3),
    "SequentialLR(LinearLR(0.1, 3), CosineAnnealingLR(5))": lambda o: S.SequentialLR(
        o, [S.LinearLR(o, start_factor=0.1, total_iters=3), S.CosineAnnealingLR(o, T_max=5)], milestones=[3]),
}
for name, make in CASES.items():
    print(name)
    print("    " + ", ".join(repr(v) for v in seq(make, 12)))
