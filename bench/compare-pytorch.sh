#!/usr/bin/env bash
# Runs the reference workload on Hebb and on PyTorch in one invocation, on 1 and 2 threads each,
# alternating the two systems so that both see the same machine load, then prints the median seconds
# per epoch of each and their ratio.
#   bench/compare-pytorch.sh [EPOCHS]      (default 5; the median epoch of each run is compared, so the
#                                          JIT warm-up of Hebb's first epoch does not decide the result)
#   COMPARE_THREADS="1" bench/compare-pytorch.sh   only the listed thread counts (default "1 2")
# Then it runs each system's best setting once more, the two alternating epoch by epoch
# (bench/lockstep.py), and prints the median of the per-epoch ratios: the steadiest comparison here.
#   LOCKSTEP_EPOCHS=N   epochs of that run (default 20: in 5, the median pair is often the second
#                       steady one, as Hebb's first two carry its JIT compilation; 20 cost ~30 s)
# PyTorch is Debian's /usr/bin/python3 with python3-torch. Debian's torch calls whatever libblas.so.3
# the system selects; if that is the netlib reference BLAS, PyTorch is ~10x slower than it can be,
# so point TORCH_BLAS_DIR at a directory holding OpenBLAS's libblas.so.3 (the default is the one the
# libopenblas0-pthread package installs) to compare against PyTorch at its best.
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS="${1:-5}"
LOCKSTEP_EPOCHS="${LOCKSTEP_EPOCHS:-20}"
PYTHON=/usr/bin/python3
DATA=""
for d in ../shared/data/fashion-mnist /work/shared/data/fashion-mnist /usr/share/datasets/fashion-mnist; do
  if [ -f "$d/train-images-idx3-ubyte.gz" ]; then DATA="$(cd "$d" && pwd)"; break; fi
done
[ -n "$DATA" ] || { echo "Fashion-MNIST not found (../shared/data/fashion-mnist or /usr/share/datasets/fashion-mnist)" >&2; exit 1; }

mvn -B -q -pl nn-bench -am package -DskipTests
source bench/jit-opts.sh
JAVA=(java --add-modules jdk.incubator.vector "${JIT_OPTS[@]}" -Xmx1g -cp nn-bench/target/benchmarks.jar dev.hebb.bench.ReferenceWorkload)

HAVE_TORCH=1
"$PYTHON" -c "import torch" 2>/dev/null || HAVE_TORCH=0
TORCH_ENV=()
if [ "$HAVE_TORCH" = 1 ]; then
  BLAS_DIR="${TORCH_BLAS_DIR:-/usr/lib/x86_64-linux-gnu/openblas-pthread}"
  if [ -f "$BLAS_DIR/libblas.so.3" ]; then
    TORCH_ENV=(env "LD_LIBRARY_PATH=$BLAS_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
    echo "PyTorch BLAS: $BLAS_DIR/libblas.so.3"
  else
    echo "PyTorch BLAS: system default $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3) (set TORCH_BLAS_DIR to use OpenBLAS)"
  fi
else
  echo "python3-torch is not installed: running Hebb only"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
for threads in ${COMPARE_THREADS:-1 2}; do
  "${JAVA[@]}" --epochs "$EPOCHS" --threads "$threads" --data "$DATA" 2>/dev/null | tee -a "$LOG"
  if [ "$HAVE_TORCH" = 1 ]; then
    "${TORCH_ENV[@]}" "$PYTHON" bench/pytorch_mlp.py "$DATA" "$threads" "$EPOCHS" | sed 's/^RESULT /RESULT pytorch /' | tee -a "$LOG"
  fi
done

echo
awk '
  /^RESULT / { k = $2 " " $3; t[k] = $4; cpu[k] = $5; acc[k] = $6; systems[$2] = 1 }
  function best(s) { return (s " 2") in t && t[s " 2"] < t[s " 1"] ? t[s " 2"] : t[s " 1"] }
  END {
    printf "%-8s %7s %12s %12s %14s %9s\n", "system", "threads", "s/epoch", "samples/s", "CPU s/epoch", "accuracy"
    for (s in systems) for (th = 1; th <= 2; th++) if ((s " " th) in t)
      printf "%-8s %7d %12.3f %12.0f %14.3f %9.4f\n", s, th, t[s " " th], 60000 / t[s " " th], cpu[s " " th], acc[s " " th]
    if (("pytorch 1") in t && ("hebb 1") in t && ("pytorch 2") in t && ("hebb 2") in t) {
      printf "Hebb is faster than PyTorch by %.2fx on 1 thread, %.2fx on 2 threads, %.2fx best setting vs best setting\n",
        t["pytorch 1"] / t["hebb 1"], t["pytorch 2"] / t["hebb 2"], best("pytorch") / best("hebb")
    } else if (("pytorch 1") in t && ("hebb 1") in t) {
      printf "Hebb is faster than PyTorch by %.2fx on 1 thread\n", t["pytorch 1"] / t["hebb 1"]
    }
    if (("pytorch 1") in cpu && ("hebb 1") in cpu)
      printf "on 1 thread by CPU time (steadier on a shared machine): %.2fx\n", cpu["pytorch 1"] / cpu["hebb 1"]
  }' "$LOG"

if [ "$HAVE_TORCH" = 1 ]; then
  # Each system's best setting from the runs above, then the two alternating epoch by epoch.
  best() { awk -v s="$1" '$1 == "RESULT" && $2 == s && (!b || $4 < t) { b = $3; t = $4 } END { print b }' "$LOG"; }
  HEBB_BEST="$(best hebb)"
  TORCH_BEST="$(best pytorch)"
  echo
  echo "Best settings epoch by epoch, alternating (bench/lockstep.py, $LOCKSTEP_EPOCHS epochs): Hebb on $HEBB_BEST threads, PyTorch on $TORCH_BEST"
  "$PYTHON" bench/lockstep.py "$LOCKSTEP_EPOCHS" \
    hebb "${JAVA[@]}" --epochs "$LOCKSTEP_EPOCHS" --threads "$HEBB_BEST" --data "$DATA" --lockstep -- \
    pytorch "${TORCH_ENV[@]}" "$PYTHON" bench/pytorch_mlp.py "$DATA" "$TORCH_BEST" "$LOCKSTEP_EPOCHS" --lockstep \
    2> >(grep -v 'WARNING: Using incubator modules' >&2) | tee -a "$LOG" | grep -v -e '^RESULT' -e '^LOCKSTEP'
  awk '$1 == "LOCKSTEP" { printf "epoch by epoch: Hebb %.3f s, PyTorch %.3f s per epoch (medians); Hebb faster by %.2fx (median of the per-epoch ratios)\n", $3, $5, $6 }' "$LOG"
fi
