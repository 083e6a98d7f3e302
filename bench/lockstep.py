"""Runs two benchmark programs epoch by epoch in alternation and compares them epoch by epoch.

Usage: lockstep.py EPOCHS NAME_A CMD_A... -- NAME_B CMD_B...

Both programs run the same workload with --lockstep: they load their data, then wait for a line on standard
input before each epoch and print a line "... epoch N: SECONDS s ..." after it, and wait for the end of
their input before their test evaluation (ReferenceWorkload and pytorch_mlp.py do). This driver starts both, then gives one epoch to each in turn (A then B on even
epochs, B then A on odd ones), so that neither runs while the other does and both meet the same drift of
a shared, noisy machine within seconds of each other. Before each epoch it waits until the program that ran
the last one is idle (see settle), so that neither epoch shares the cores with the other program's leftover
work. It passes their output through and ends with

  LOCKSTEP <name A> <median s/epoch> <name B> <median s/epoch> <median of the per-epoch ratios B/A>

The ratio of each epoch pair is taken before the median, so a slow minute of the machine cancels out.
"""
import glob
import re
import statistics
import subprocess
import sys
import time

EPOCH_LINE = re.compile(r"epoch (\d+): ([0-9.]+) s")


def cpu_seconds(proc):
    """CPU time of all of a process's threads so far, in seconds (the scheduler's nanosecond counters)."""
    total = 0
    for path in glob.glob(f"/proc/{proc.pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended between the listing and the read
    return total / 1e9


def settle(proc, window=0.02, idle_share=0.05, limit=2.0):
    """Waits until a program that has just finished an epoch has stopped computing, at most `limit` seconds.

    A program's threads can go on running after its epoch: PyTorch's OpenBLAS workers spin for ~0.12 s of a
    whole core before they sleep (measured here with PyTorch 1.13 and OpenBLAS 0.3). Without this wait the
    next epoch, the other program's, would share the two cores with them. Returns the seconds waited.
    """
    start = time.monotonic()
    last = cpu_seconds(proc)
    while time.monotonic() - start < limit:
        time.sleep(window)
        now = cpu_seconds(proc)
        if now - last < idle_share * window:
            break
        last = now
    return time.monotonic() - start


def run_epoch(name, proc, epoch):
    proc.stdin.write("\n")
    proc.stdin.flush()
    while True:
        line = proc.stdout.readline()
        if not line:
            sys.exit(f"lockstep: {name} ended before finishing epoch {epoch + 1} (exit code {proc.wait()})")
        print(line, end="", flush=True)
        m = EPOCH_LINE.search(line)
        if m and int(m.group(1)) == epoch + 1:
            return float(m.group(2))


def main():
    args = sys.argv[1:]
    if len(args) < 5 or "--" not in args:
        sys.exit(__doc__.split("\n\n")[1])
    epochs = int(args[0])
    split = args.index("--")
    a, b = args[1:split], args[split + 1:]
    names = [a[0], b[0]]
    procs = [subprocess.Popen(cmd[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
             for cmd in (a, b)]
    times = [[], []]
    settled = [[], []]
    for epoch in range(epochs):
        for i in ((0, 1) if epoch % 2 == 0 else (1, 0)):
            times[i].append(run_epoch(names[i], procs[i], epoch))
            settled[i].append(settle(procs[i]))
    # Both wait for the end of their input before their test evaluation, so that the one that finished its
    # last epoch first does not evaluate while the other's last epoch runs (that epoch took up to twice as
    # long when it did).
    for proc in procs:
        proc.stdin.close()
    for name, proc in zip(names, procs):
        print(proc.stdout.read(), end="", flush=True)
        if proc.wait() != 0:
            sys.exit(f"lockstep: {name} failed with exit code {proc.returncode}")
    for name, waits in zip(names, settled):
        print(f"lockstep: {name} went on computing for {statistics.median(waits):.3f} s after its epochs "
              f"(median; at most {max(waits):.3f} s); the other's next epoch waited for it")
    ratios = [tb / ta for ta, tb in zip(times[0], times[1])]
    print(f"LOCKSTEP {names[0]} {statistics.median(times[0]):.4f} {names[1]} {statistics.median(times[1]):.4f} "
          f"{statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
