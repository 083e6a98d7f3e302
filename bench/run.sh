#!/usr/bin/env bash
# Runs the reference workload (Fashion-MNIST MLP 784-256-128-10, ReLU, cross-entropy, Adam 1e-3,
# batch 128) on Hebb and prints seconds and samples/s per epoch.
#   bench/run.sh [--epochs N] [--threads N] [--data DIR] [--seed S]
# The heap is capped at 1 GiB on purpose: the run must fit in it, data set included.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=nn-bench/target/benchmarks.jar
if [ -z "${HEBB_NO_BUILD:-}" ]; then
  mvn -B -q -pl nn-bench -am package -DskipTests
fi
source bench/jit-opts.sh
exec java --add-modules jdk.incubator.vector "${JIT_OPTS[@]}" -Xmx1g ${HEBB_JAVA_OPTS:-} \
  -cp "$JAR" dev.hebb.bench.ReferenceWorkload "$@" 2> >(grep -v 'WARNING: Using incubator modules' >&2)
