# Sourced by the bench scripts: the JIT options ./nn passes (see there for the measurements). The matrix
# kernels are compiled after a tenth of the usual calls, since their Vector API code runs boxed until then;
# and HotSpot starts only two compiler threads below 8 processors, which compile the kernels too slowly for
# the first epoch, so four there. Later epochs run the same code either way.
JIT_OPTS=(-XX:CompileCommand=quiet
  -XX:CompileCommand=CompileThresholdScaling,dev.hebb.internal.kernel.VectorKernel::*,0.1)
if [ "$(nproc 2>/dev/null || echo 8)" -lt 8 ]; then
  JIT_OPTS+=(-XX:CICompilerCount=4)
fi
