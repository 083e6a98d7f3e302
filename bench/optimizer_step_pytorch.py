"""Times one optimizer.step() in PyTorch over the reference MLP's parameters (784-256-128-10), the
counterpart of OptimizerBenchmark. Run: /usr/bin/python3 bench/optimizer_step_pytorch.py"""
import time
import torch

torch.set_num_threads(1)
shapes = [(256, 784), (256,), (128, 256), (128,), (10, 128), (10,)]
CASES = [("sgd", torch.optim.SGD, dict(lr=0.01)), ("sgd_momentum", torch.optim.SGD, dict(lr=0.01, momentum=0.9)),
         ("adam", torch.optim.Adam, {}), ("adamw", torch.optim.AdamW, {}), ("rmsprop", torch.optim.RMSprop, {}),
         ("adagrad", torch.optim.Adagrad, {})]
for foreach in (False, True):
    for name, cls, kw in CASES:
        params = [torch.nn.Parameter(torch.rand(s) - 0.5) for s in shapes]
        for p in params:
            p.grad = (torch.rand(p.shape) - 0.5) * 1e-3
        opt = cls(params, foreach=foreach, **kw)
        for _ in range(200):
            opt.step()
        best = float("inf")
        for _ in range(5):
            n = 500
            t = time.perf_counter()
            for _ in range(n):
                opt.step()
            best = min(best, (time.perf_counter() - t) / n)
        print(f"{name:13s} foreach={foreach!s:5s} {best * 1e6:8.1f} us/step")
