package dev.hebb.io.internal;

import java.nio.ByteBuffer;

/** Reading float64 values from files into Hebb's float32 arrays, for every format that stores them. */
public final class Float64 {

    private Float64() {
    }

    /**
     * Narrows the {@code count} doubles at the start of {@code in} (in its byte order) into {@code out[offset..]}.
     *
     * @return the index (from 0, within these {@code count}) of the first finite value beyond the float range,
     *         which narrowing turned into an infinity, or -1 when there is none; the caller refuses the file naming
     *         that value, since a later finiteness check would name an infinity the file does not hold
     */
    public static int narrow(ByteBuffer in, float[] out, int offset, int count) {
        int overflow = -1;
        for (int i = 0; i < count; i++) {
            double d = in.getDouble(8 * i);
            float f = (float) d;
            if (overflow < 0 && Float.isInfinite(f) && Double.isFinite(d)) {
                overflow = i;
            }
            out[offset + i] = f;
        }
        return overflow;
    }
}
