# Sourced by the bench scripts: the JIT option ./nn passes (see there). HotSpot starts only two compiler
# threads below 8 processors, and compiling the Vector API kernels then takes most of the first epoch;
# four halve it on this project's 2-core machine. Later epochs run the same code either way.
JIT_OPTS=()
if [ "$(nproc 2>/dev/null || echo 8)" -lt 8 ]; then
  JIT_OPTS=(-XX:CICompilerCount=4)
fi
