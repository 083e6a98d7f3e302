#!/usr/bin/env bash
# Compares two revisions of Hebb on the reference workload in one JVM, alternating them epoch by epoch
# (dev.hebb.bench.InterleavedAB), so that machine load falls on both alike.
#   bench/ab.sh REV_A REV_B [--products] [--threads N] [--rounds R] [--data DIR]
# (--products: the workload's matrix products alone, ten calls per build and round, instead of epochs)
# A revision is anything `git archive` takes (a commit, a branch, HEAD~2), or `.` for this working tree as
# it is, uncommitted changes included. Each is built with `mvn -o -pl nn-bench -am package` in a temporary
# directory; the harness itself comes from this working tree. It prints B's time over A's: below 1, B is faster.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
A="$1"; B="$2"; shift 2
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mvn -B -q -o -pl nn-bench -am package -DskipTests
build() { # revision, name -> $WORK/name.jar
  if [ "$1" = . ]; then
    cp nn-bench/target/benchmarks.jar "$WORK/$2.jar"
  else
    mkdir "$WORK/$2"
    git archive "$1" | tar -x -C "$WORK/$2"
    (cd "$WORK/$2" && mvn -B -q -o -pl nn-bench -am package -DskipTests)
    cp "$WORK/$2/nn-bench/target/benchmarks.jar" "$WORK/$2.jar"
  fi
}
build "$A" a
build "$B" b
# The build loaded second runs a few percent faster in this harness (seen with the same build on both sides),
# so it runs twice, loading A first and then B first, and the estimate divides that bias out:
# r1 = B/A with B second, r2 = B/A with A second, B/A = sqrt(r1 * r2).
run() {
  java --add-modules jdk.incubator.vector -Xmx3g -cp nn-bench/target/benchmarks.jar dev.hebb.bench.InterleavedAB \
    "$@" 2> >(grep -v 'WARNING: Using incubator modules' >&2) | tee -a "$WORK/log"
}
echo "A = $A, B = $B; machine load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== A loaded first"
run "$WORK/a.jar" "$WORK/b.jar" "$@"
echo "== B loaded first (the table's A is B)"
run "$WORK/b.jar" "$WORK/a.jar" "$@"
awk '/B\/A median/ {
    key = $0; sub(/,.*/, "", key)
    if (!(key in n)) keys[++k] = key
    for (i = 2; i <= NF; i++) if ($i == "median" && $(i-1) == "B/A") r[key, ++n[key]] = $(i+1)
  }
  END {
    for (j = 1; j <= k; j++) if (n[keys[j]] == 2)
      printf "%s: B/A = %.3f (%.3f with A loaded first, %.3f with B loaded first)\n", keys[j],
        sqrt(r[keys[j], 1] / r[keys[j], 2]), r[keys[j], 1], 1 / r[keys[j], 2]
  }' "$WORK/log"
