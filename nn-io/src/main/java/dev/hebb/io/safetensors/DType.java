package dev.hebb.io.safetensors;

import dev.hebb.io.internal.Float64;

import java.nio.ByteBuffer;

/** The element types Hebb reads, with their conversion to {@code float}. Hebb writes F32 only. */
enum DType {
    F32(4), F64(8), F16(2), BF16(2);

    final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /**
     * Decodes {@code count} little-endian elements from {@code in} into {@code out[offset..]}.
     *
     * @return the index (from 0, within these {@code count}) of the first finite F64 value beyond the float
     *         range, which narrowing would have turned into an infinity, or -1 when there is none
     */
    int decode(ByteBuffer in, float[] out, int offset, int count) {
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out, offset, count);
            case F64 -> {
                return Float64.narrow(in, out, offset, count);
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = halfToFloat(in.getShort(i * 2) & 0xffff);
                }
            }
            case BF16 -> {
                // bfloat16 is the upper half of an IEEE float32: widening is exact.
                for (int i = 0; i < count; i++) {
                    out[offset + i] = Float.intBitsToFloat((in.getShort(i * 2) & 0xffff) << 16);
                }
            }
            default -> throw new AssertionError(this);
        }
        return -1;
    }

    /** IEEE 754 binary16 to binary32, exact (every half value is a float). */
    static float halfToFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa · 2^-24.
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        // Rebias the exponent from 15 to 127.
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
