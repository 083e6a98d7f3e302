package dev.hebb.internal.kernel;

import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel: register-blocked GEMM on {@code jdk.incubator.vector}, with the right operand packed
 * into zero-padded column panels and the work split over a {@link Parallel} pool.
 *
 * <h2>How a product is computed</h2>
 * The output is cut into tiles of 8 rows × {@code NR} columns ({@code NR} = 3 vectors: 24 accumulators of
 * the 32 vector registers), with {@value #MR}-row, narrower and one-row tiles at the edges. For a
 * tile, {@code k} is walked in blocks of at most {@value #KC}; each block of the right operand is first
 * copied into a contiguous {@code kc × NR} panel (transposed when B is stored {@code [n,k]}, padded with
 * zeros past column {@code n}), so the inner loop reads it sequentially and every transpose variant
 * shares one micro-kernel. The left operand is read in place: eight scalars per step are broadcast.
 *
 * <h2>Why results do not depend on threads, blocking or vector width</h2>
 * Every output element is one chain of fused multiply-adds over {@code p = 0..k-1} in increasing order,
 * {@code c ← fma(a[i,p], b[p,j], c)}, starting from 0 (or from the old value when accumulating). Blocks
 * over {@code k} store and reload {@code c} exactly; edge tiles run the same chain in a scratch tile.
 * So the value of each element is fixed by the operands alone, and the split of the output among
 * threads (which is in any case fixed by the shapes) cannot change a bit.
 *
 * <h2>Outputs narrower than a vector</h2>
 * A classifier's last layer has fewer columns than a vector has lanes (10 classes against 16), so a
 * column tile would compute mostly padding. There the vectors run down the rows instead: blocks of
 * {@link #NARROW_ROWS} rows of A are packed transposed, and each step broadcasts one element of B per
 * column (see {@link #narrow}). Same fma chains, same bits.
 *
 * <h2>One row against a transposed B</h2>
 * A single sample's forward pass, {@code x·Wᵀ} with one row, would use each element of the transposed panels
 * once, so packing them would cost most of the product; there each output element's chain runs in a scalar
 * register over B's row, eight at a time (see {@link #rowTimesTransposed}). Same fma chains, same bits.
 */
final class VectorKernel implements Kernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows per register tile at the edges (full panels take twice as many; see {@link #tile8}). */
    static final int MR = 4;
    /** Columns per register tile: three vectors. */
    static final int NR = 3 * L;
    /**
     * Whether full panels use the 8-row tile: its 24 accumulators, three panel vectors and a broadcast fit
     * AVX-512's 32 vector registers; with AVX2's 16 (256-bit vectors) they would spill to memory.
     */
    private static final boolean TILE8 = S.vectorBitSize() >= 512;
    /**
     * Most depth per packed panel: the reference MLP's 784-deep forward product is walked in 3 blocks of 262
     * (a 50 KiB panel at 16 lanes, read from L2 by the 8-row tile), its 256-deep one in a single block. Each
     * block stores and reloads every accumulator of the output and restarts every fma chain; with 128 (7
     * blocks of 112, a panel that fits L1) the reference workload's epoch took 3–5% longer on 2 threads and
     * 2% on 1 (InterleavedAB, both load orders; 2 blocks of 392 and 4 of 196 came within ~1% of 3). 256
     * had measured slower than 128 before the 8-row tile and the equal blocks.
     */
    static final int KC = 272;

    /** Rows per block of a product narrower than a vector: two vectors down the rows (see {@link #narrow}). */
    static final int NARROW_ROWS = 2 * L;

    /** Below this many multiply-adds a product runs on the calling thread: forking costs more. */
    private static final long PARALLEL_THRESHOLD = 1L << 20;

    private final Parallel parallel;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    VectorKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    /**
     * Runs every code path on small operands until the JIT has compiled them. Until C2 compiles it, Vector
     * API code runs boxed, allocating for each operation, and a first epoch of real work done that way
     * costs two to three steady ones; small products reach the compile thresholds for a fraction of that.
     * Results are discarded; the operands are private, so this may run on any thread.
     */
    static void warmUp(Kernel kernel) {
        // Shapes whose branches cover the real ones': a branch the warm-up never takes is compiled as a trap
        // that sends the first real call back to the interpreter (boxed) until C2 compiles it again. So:
        // rows in 4-row tiles with and without a remainder, full panels, edge panels of one and two vectors
        // (exact and partial; 8 and 16 rows), rows narrower than a vector (a 10-class output) with few rows
        // and with row blocks of the narrow path, several depth blocks, one row (with B transposed: one sample's
        // forward pass; columns in blocks of 8 and left over).
        int[][] shapes = {{MR + 1, 2 * NR + 3, 24}, {2 * MR, NR + L + 3, 24}, {2 * MR, NR + L, 8},
            {MR, 10, 12}, {MR, 2 * NR + L, KC + 8}, {4 * MR, NR + L, 12}, {2 * MR, NR + 2 * L, 12},
            {NARROW_ROWS + 3, L - 3, L + 3}, {NARROW_ROWS, 2, KC + 8}, {1, 19, 24}};
        int size = MR * 2 * (2 * NR + L) + (2 * NR + L) * (KC + 8) + 2 * MR * (KC + 8);
        float[] a = new float[size];
        float[] b = new float[size];
        float[] c = new float[size];
        java.util.Arrays.fill(a, 0.5f);
        // Some products with an epilogue (training's dense layers pass theirs), of three classes, so that C2
        // compiles the epilogue's branch and a call for any class rather than a trap for the ones it has seen.
        Epilogue[] epilogues = {
            (out, offset, rows, ldc, from, to) -> out[offset + from] += 1f,
            (out, offset, rows, ldc, from, to) -> out[offset + to - 1] *= 0.5f,
            (out, offset, rows, ldc, from, to) -> java.util.Arrays.fill(out, offset + from, offset + to, 0f)};
        for (int i = 0; i < 4000; i++) {
            int[] s = shapes[i % shapes.length];
            int m = s[0];
            int n = s[1];
            int k = s[2];
            boolean transA = (i & 1) != 0;
            boolean transB = (i & 2) != 0;
            java.util.Arrays.fill(b, 0.25f);
            Epilogue epilogue = (i & 16) == 0 ? null : epilogues[(i >> 5) % epilogues.length];
            kernel.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, (i & 4) != 0, epilogue);
            kernel.addRowVector(c, m, n, b);
            kernel.sumRows(c, m, n, b, (i & 8) != 0);
        }
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    /** Per-thread packing buffers, grown on demand and then reused (no allocation per product). */
    private static final class Scratch {
        final float[] panel = new float[KC * NR];
        final float[] tile = new float[MR * NR];
        /**
         * A narrow product's accumulators between depth blocks: column {@code j} of its rows at {@code j·2L}, for
         * the {@code n < L} columns rounded up to the tile's 4.
         */
        final float[] narrow = new float[Math.max(L, 4) * NARROW_ROWS];
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate, null);
    }

    /** With an epilogue, applied to each column panel right after its last depth block, on the same thread. */
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, float[] b,
                     int bOffset, float[] c, int cOffset, boolean accumulate, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOffset, cOffset + m * n, 0f);
            }
            if (epilogue != null) {
                epilogue.columns(c, cOffset, m, n, 0, n);
            }
            return;
        }
        if (m == 1 && transB) {
            // One row against B stored [n,k] (a single sample's forward pass, x·Wᵀ): the column path would
            // transpose all of B into panels to use each element once.
            // Blocks of 8 columns; scalar fmas do a vector's work in L times the time, so the threshold counts them so.
            int blocks = (n + 7) / 8;
            int chunks = Parallel.chunks((long) n * k * L, PARALLEL_THRESHOLD, blocks);
            if (chunks == 1) {
                rowTimesTransposed(0, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
            } else {
                parallel.run(chunks, chunk -> rowTimesTransposed(8 * Parallel.bound(chunk, chunks, blocks),
                        Math.min(n, 8 * Parallel.bound(chunk + 1, chunks, blocks)), k, a, aOffset, b, bOffset, c,
                        cOffset, accumulate));
            }
            if (epilogue != null) {
                epilogue.columns(c, cOffset, 1, n, 0, n);
            }
            return;
        }
        // Element A(i,p) sits at a[aOffset + i*aRow + p*aDepth].
        int aRow = transA ? 1 : k;
        int aDepth = transA ? m : 1;
        if (n < L && m >= NARROW_ROWS) {
            narrow(transB, m, n, k, a, aOffset, aRow, aDepth, b, bOffset, c, cOffset, accumulate, epilogue);
            return;
        }
        int panels = (n + NR - 1) / NR;
        int chunks = Parallel.chunks((long) m * n * k, PARALLEL_THRESHOLD, panels);
        // The thread's packing buffers are looked up here, not in columns(): ThreadLocal.get() has a branch for
        // a thread's first thread-local, which the warm-up's one thread never takes, so C2 compiles it as a trap.
        // Inlined in columns(), the first product on a new kernel thread threw that large method out of its
        // compiled code at the start of training, and it ran unoptimised for most of the first epoch.
        if (chunks == 1) {
            columns(scratch.get(), 0, panels, transB, m, n, k, a, aOffset, aRow, aDepth, b, bOffset, c, cOffset,
                    accumulate, epilogue);
        } else {
            parallel.run(chunks, chunk -> {
                int from = Parallel.bound(chunk, chunks, panels);
                int to = Parallel.bound(chunk + 1, chunks, panels);
                columns(scratch.get(), from, to, transB, m, n, k, a, aOffset, aRow, aDepth, b, bOffset, c, cOffset,
                        accumulate, epilogue);
            });
        }
    }

    /**
     * {@code c[j] (+)= Σ_p a[p] · b[j·k + p]} for columns {@code [from, to)}: a one-row product with B stored {@code [n,k]}, read in place.
     * Lanes would run across columns, whose elements lie {@code k} apart in B, so each would need the transposed
     * panel that the column path packs (for 784 × 256, 63 µs of the product's 88; measured alone) to use each
     * element once; instead eight columns' fma chains run side by side in scalar registers, each reading its row
     * of B sequentially (the forward 1×784→256 in 43 µs; a scratch harness). Each element is the same chain of
     * fmas over increasing depth as on every other path, so the bits are the same.
     */
    private static void rowTimesTransposed(int from, int to, int k, float[] a, int aOffset, float[] b, int bOffset,
                                           float[] c, int cOffset, boolean accumulate) {
        int j = from;
        for (; j + 8 <= to; j += 8) {
            int co = cOffset + j;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            if (accumulate) {
                s0 = c[co];
                s1 = c[co + 1];
                s2 = c[co + 2];
                s3 = c[co + 3];
                s4 = c[co + 4];
                s5 = c[co + 5];
                s6 = c[co + 6];
                s7 = c[co + 7];
            }
            int r0 = bOffset + j * k;
            for (int p = 0; p < k; p++) {
                float x = a[aOffset + p];
                int o = r0 + p;
                s0 = Math.fma(x, b[o], s0);
                s1 = Math.fma(x, b[o + k], s1);
                s2 = Math.fma(x, b[o + 2 * k], s2);
                s3 = Math.fma(x, b[o + 3 * k], s3);
                s4 = Math.fma(x, b[o + 4 * k], s4);
                s5 = Math.fma(x, b[o + 5 * k], s5);
                s6 = Math.fma(x, b[o + 6 * k], s6);
                s7 = Math.fma(x, b[o + 7 * k], s7);
            }
            c[co] = s0;
            c[co + 1] = s1;
            c[co + 2] = s2;
            c[co + 3] = s3;
            c[co + 4] = s4;
            c[co + 5] = s5;
            c[co + 6] = s6;
            c[co + 7] = s7;
        }
        for (; j < to; j++) {
            float s0 = accumulate ? c[cOffset + j] : 0f;
            int r0 = bOffset + j * k;
            for (int p = 0; p < k; p++) {
                s0 = Math.fma(a[aOffset + p], b[r0 + p], s0);
            }
            c[cOffset + j] = s0;
        }
    }

    /**
     * An output narrower than a vector (a classifier's last layer: 10 classes, 2, or 1): vectors run down
     * the rows instead of across the columns, so no lane is padding. Blocks of {@link #NARROW_ROWS} rows of
     * A are packed transposed, and each step broadcasts one element of B per column. The rows left over
     * (fewer than a block) take the column path. Every element is still the fma chain over increasing
     * depth, so the bits are those of the column path.
     */
    private void narrow(boolean transB, int m, int n, int k, float[] a, int aOffset, int aRow,
                        int aDepth, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate,
                        Epilogue epilogue) {
        int blocks = m / NARROW_ROWS;
        int chunks = Parallel.chunks((long) blocks * NARROW_ROWS * n * k, PARALLEL_THRESHOLD, blocks);
        if (chunks == 1) {
            narrowRows(scratch.get(), 0, blocks, transB, n, k, a, aOffset, aRow, aDepth, b, bOffset, c, cOffset,
                    accumulate, epilogue);
        } else {
            parallel.run(chunks, chunk -> narrowRows(scratch.get(), Parallel.bound(chunk, chunks, blocks),
                    Parallel.bound(chunk + 1, chunks, blocks), transB, n, k, a, aOffset, aRow, aDepth, b, bOffset,
                    c, cOffset, accumulate, epilogue));
        }
        int done = blocks * NARROW_ROWS;
        if (done < m) {
            columns(scratch.get(), 0, 1, transB, m - done, n, k, a, aOffset + done * aRow, aRow, aDepth, b, bOffset,
                    c, cOffset + done * n, accumulate, epilogue);
        }
    }

    /** Row blocks {@code [fromBlock, toBlock)} of a narrow product; see {@link #narrow}. */
    private static void narrowRows(Scratch s, int fromBlock, int toBlock, boolean transB, int n, int k,
                                   float[] a, int aOffset, int aRow, int aDepth, float[] b,
                                   int bOffset, float[] c, int cOffset, boolean accumulate, Epilogue epilogue) {
        float[] rows = s.panel;
        float[] acc = s.narrow;
        int depthBlocks = (k + KC - 1) / KC;
        int depth = (k + depthBlocks - 1) / depthBlocks;
        // Where column j's B(p, j) sits, and the step from p to p + 1.
        int bColumn = transB ? k : 1;
        int bStep = transB ? 1 : n;
        int last = n - 1;
        for (int block = fromBlock; block < toBlock; block++) {
            int i0 = block * NARROW_ROWS;
            int c0 = cOffset + i0 * n;
            if (accumulate) {
                for (int r = 0; r < NARROW_ROWS; r++) {
                    for (int j = 0; j < n; j++) {
                        acc[j * NARROW_ROWS + r] = c[c0 + r * n + j];
                    }
                }
            }
            for (int p0 = 0; p0 < k; p0 += depth) {
                int kc = Math.min(depth, k - p0);
                packRows(a, aOffset + i0 * aRow + p0 * aDepth, aRow, aDepth, kc, rows);
                boolean load = accumulate || p0 > 0;
                int bp = bOffset + p0 * bStep;
                for (int j0 = 0; j0 < n; j0 += 4) {
                    // A last block of fewer than 4 columns repeats its last one; the repeats are not stored.
                    narrowTile(kc, rows, b, bp + j0 * bColumn, bp + Math.min(j0 + 1, last) * bColumn,
                            bp + Math.min(j0 + 2, last) * bColumn, bp + Math.min(j0 + 3, last) * bColumn, bStep,
                            acc, j0 * NARROW_ROWS, load);
                }
            }
            for (int r = 0; r < NARROW_ROWS; r++) {
                for (int j = 0; j < n; j++) {
                    c[c0 + r * n + j] = acc[j * NARROW_ROWS + r];
                }
            }
            if (epilogue != null) {
                epilogue.columns(c, c0, NARROW_ROWS, n, 0, n);
            }
        }
    }

    /** Copies A's {@link #NARROW_ROWS} rows × {@code kc} depth at {@code src} transposed: {@code rows[p·NR + r]}. */
    private static void packRows(float[] a, int src, int aRow, int aDepth, int kc, float[] rows) {
        if (aRow == 1) {
            // A stored [k, m]: each step's rows are already contiguous.
            for (int p = 0; p < kc; p++) {
                System.arraycopy(a, src + p * aDepth, rows, p * NR, NARROW_ROWS);
            }
            return;
        }
        int p = 0;
        if (TRANSPOSE16) {
            for (; p + L <= kc; p += L) {
                for (int r = 0; r < NARROW_ROWS; r += L) {
                    transpose16(a, src + r * aRow + p, aRow, rows, p * NR + r);
                }
            }
        }
        for (; p < kc; p++) {
            for (int r = 0; r < NARROW_ROWS; r++) {
                rows[p * NR + r] = a[src + r * aRow + p];
            }
        }
    }

    /**
     * {@code acc[q·2L + r] (+)= Σ_p rows[p·NR + r] · b[bq + p·bStep]} for the four columns q and the
     * {@link #NARROW_ROWS} rows r: 8 independent fma chains, enough to keep both fma units busy.
     */
    private static void narrowTile(int kc, float[] rows, float[] b, int b0, int b1, int b2, int b3, int bStep,
                                   float[] acc, int ao, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (load) {
            c00 = FloatVector.fromArray(S, acc, ao);
            c01 = FloatVector.fromArray(S, acc, ao + L);
            c10 = FloatVector.fromArray(S, acc, ao + NARROW_ROWS);
            c11 = FloatVector.fromArray(S, acc, ao + NARROW_ROWS + L);
            c20 = FloatVector.fromArray(S, acc, ao + 2 * NARROW_ROWS);
            c21 = FloatVector.fromArray(S, acc, ao + 2 * NARROW_ROWS + L);
            c30 = FloatVector.fromArray(S, acc, ao + 3 * NARROW_ROWS);
            c31 = FloatVector.fromArray(S, acc, ao + 3 * NARROW_ROWS + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z;
            c20 = z; c21 = z; c30 = z; c31 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector x0 = FloatVector.fromArray(S, rows, p * NR);
            FloatVector x1 = FloatVector.fromArray(S, rows, p * NR + L);
            int bo = p * bStep;
            FloatVector y = FloatVector.broadcast(S, b[b0 + bo]);
            c00 = x0.fma(y, c00);
            c01 = x1.fma(y, c01);
            y = FloatVector.broadcast(S, b[b1 + bo]);
            c10 = x0.fma(y, c10);
            c11 = x1.fma(y, c11);
            y = FloatVector.broadcast(S, b[b2 + bo]);
            c20 = x0.fma(y, c20);
            c21 = x1.fma(y, c21);
            y = FloatVector.broadcast(S, b[b3 + bo]);
            c30 = x0.fma(y, c30);
            c31 = x1.fma(y, c31);
        }
        c00.intoArray(acc, ao);
        c01.intoArray(acc, ao + L);
        c10.intoArray(acc, ao + NARROW_ROWS);
        c11.intoArray(acc, ao + NARROW_ROWS + L);
        c20.intoArray(acc, ao + 2 * NARROW_ROWS);
        c21.intoArray(acc, ao + 2 * NARROW_ROWS + L);
        c30.intoArray(acc, ao + 3 * NARROW_ROWS);
        c31.intoArray(acc, ao + 3 * NARROW_ROWS + L);
    }

    /** Computes the output columns of panels {@code [fromPanel, toPanel)} with the packing buffers {@code s}. */
    private static void columns(Scratch s, int fromPanel, int toPanel, boolean transB, int m, int n, int k,
                                float[] a, int aOffset, int aRow, int aDepth, float[] b, int bOffset,
                                float[] c, int cOffset, boolean accumulate, Epilogue epilogue) {
        float[] panel = s.panel;
        float[] tile = s.tile;
        // Equal blocks of at most KC (784 = 262 + 262 + 260, not 272 + 272 + 240): with a fixed KC, a depth just
        // over a multiple of it would leave a thin last block that stores and reloads the tile for a few steps.
        int blocks = (k + KC - 1) / KC;
        int depth = (k + blocks - 1) / blocks;
        for (int jp = fromPanel; jp < toPanel; jp++) {
            int j0 = jp * NR;
            int width = Math.min(NR, n - j0);
            for (int p0 = 0; p0 < k; p0 += depth) {
                int kc = Math.min(depth, k - p0);
                boolean load = accumulate || p0 > 0;
                if (transB) {
                    packTransposed(b, bOffset, k, p0, kc, j0, width, panel);
                } else {
                    pack(b, bOffset, n, p0, kc, j0, width, panel);
                }
                int aBase = aOffset + p0 * aDepth;
                // Edge panels narrower than NR use a register tile of one or two vectors: the full 3-vector
                // tile would spend up to two thirds of its multiply-adds on padding (256 = 5·48 + 16).
                int vectors = (width + L - 1) / L;
                boolean direct = width == vectors * L;
                int i = 0;
                // Full panels: 8 rows at a time. Each panel row loaded serves 24 multiply-adds instead of 12,
                // which made the products 9–22% faster than with 4-row tiles only (in-process A/B, 1 thread).
                if (TILE8 && direct && vectors == 3) {
                    for (; i + 2 * MR <= m; i += 2 * MR) {
                        tile8(kc, a, aBase + i * aRow, aRow, aDepth, panel, c, cOffset + i * n + j0, n, load);
                    }
                } else if (direct && vectors == 1) {
                    // A one-vector edge (256 = 5·48 + 16): 8 or 16 rows, so 8 or 16 independent fma chains keep
                    // both fma units busy; the 4-row tile's 4 chains wait on the fma latency and took as long for
                    // these 16 columns as for a full 48-column panel. 16 rows (AVX-512's registers hold them)
                    // ran this edge of the forward 784→256 in 20 µs against 23.6 with 8 (a scratch harness).
                    if (TILE8) {
                        for (; i + 4 * MR <= m; i += 4 * MR) {
                            tile16x1(kc, a, aBase + i * aRow, aRow, aDepth, panel, c, cOffset + i * n + j0, n, load);
                        }
                    }
                    for (; i + 2 * MR <= m; i += 2 * MR) {
                        tile8x1(kc, a, aBase + i * aRow, aRow, aDepth, panel, c, cOffset + i * n + j0, n, load);
                    }
                } else if (TILE8 && direct && vectors == 2) {
                    // A two-vector edge (128 = 2·48 + 32): 8 rows, 16 chains, as above; the 32-column edge of
                    // the forward 256→128 took 12.3 µs against 16.2 with the 4-row tile (a scratch harness).
                    for (; i + 2 * MR <= m; i += 2 * MR) {
                        tile8x2(kc, a, aBase + i * aRow, aRow, aDepth, panel, c, cOffset + i * n + j0, n, load);
                    }
                }
                for (; i + MR <= m; i += MR) {
                    int ai = aBase + i * aRow;
                    int ci = cOffset + i * n + j0;
                    if (direct) {
                        tile4(vectors, kc, a, ai, aRow, aDepth, panel, c, ci, n, load);
                    } else {
                        gather(c, ci, n, MR, width, tile, load);
                        tile4(vectors, kc, a, ai, aRow, aDepth, panel, tile, 0, NR, load);
                        scatter(tile, MR, width, c, ci, n);
                    }
                }
                for (; i < m; i++) {
                    int ai = aBase + i * aRow;
                    if (width == NR) {
                        tile1(kc, a, ai, aDepth, panel, c, cOffset + i * n + j0, load);
                    } else {
                        gather(c, cOffset + i * n + j0, n, 1, width, tile, load);
                        tile1(kc, a, ai, aDepth, panel, tile, 0, load);
                        scatter(tile, 1, width, c, cOffset + i * n + j0, n);
                    }
                }
            }
            if (epilogue != null) {
                epilogue.columns(c, cOffset, m, n, j0, j0 + width);
            }
        }
    }

    /** Copies rows {@code p0..p0+kc} × columns {@code j0..j0+width} of B[k,n] into a zero-padded panel. */
    private static void pack(float[] b, int bOffset, int n, int p0, int kc, int j0, int width, float[] panel) {
        for (int p = 0; p < kc; p++) {
            int src = bOffset + (p0 + p) * n + j0;
            int dst = p * NR;
            System.arraycopy(b, src, panel, dst, width);
            if (width < NR) {
                java.util.Arrays.fill(panel, dst + width, dst + NR, 0f);
            }
        }
    }

    /** The same panel when B is stored transposed, {@code [n,k]}: B(p,j) = b[j*k + p]. */
    private static void packTransposed(float[] b, int bOffset, int k, int p0, int kc, int j0, int width, float[] panel) {
        int src = bOffset + j0 * k + p0;
        int j = 0;
        if (TRANSPOSE16) {
            // 16 × 16 blocks transposed in registers: two to three times faster than the scalar loop below
            // (the forward's 784 × 256 weight, measured alone: ~50 µs per product instead of 100–150).
            for (; j + L <= width; j += L) {
                int p = 0;
                for (; p + L <= kc; p += L) {
                    transpose16(b, src + j * k + p, k, panel, p * NR + j);
                }
                packColumns(b, src, k, p, kc, j, j + L, panel);
            }
        }
        packColumns(b, src, k, 0, kc, j, width, panel);
        if (width < NR) {
            for (int p = 0; p < kc; p++) {
                java.util.Arrays.fill(panel, p * NR + width, p * NR + NR, 0f);
            }
        }
    }

    /** Panel rows {@code [fromP, toP)}, columns {@code [fromJ, toJ)}, one float at a time. */
    private static void packColumns(float[] b, int src, int k, int fromP, int toP, int fromJ, int toJ, float[] panel) {
        // Row p of the panel gathers one float from each row of b; those rows' cache lines stay in L1
        // across 16 consecutive p, and the panel is written sequentially.
        for (int p = fromP; p < toP; p++) {
            int s = src + p + fromJ * k;
            for (int j = fromJ; j < toJ; j++) {
                panel[p * NR + j] = b[s];
                s += k;
            }
        }
    }

    /** Whether {@link #transpose16} fits the vector length (AVX-512); elsewhere the scalar loop packs. */
    private static final boolean TRANSPOSE16 = L == 16;
    /** {@code SWAPd} exchanges lanes {@code l} and {@code l ^ d}; {@code HIGHd} selects the lanes with bit {@code d} set. */
    private static final VectorShuffle<Float> SWAP1 = swap(1);
    private static final VectorShuffle<Float> SWAP2 = swap(2);
    private static final VectorShuffle<Float> SWAP4 = swap(4);
    private static final VectorShuffle<Float> SWAP8 = swap(8);
    private static final VectorMask<Float> HIGH1 = lanesWithBit(1);
    private static final VectorMask<Float> HIGH2 = lanesWithBit(2);
    private static final VectorMask<Float> HIGH4 = lanesWithBit(4);
    private static final VectorMask<Float> HIGH8 = lanesWithBit(8);

    private static VectorShuffle<Float> swap(int d) {
        return VectorShuffle.fromOp(S, l -> (l ^ d) % L);
    }

    private static VectorMask<Float> lanesWithBit(int d) {
        boolean[] bits = new boolean[L];
        for (int l = 0; l < L; l++) {
            bits[l] = (l & d) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }

    /**
     * Writes the transpose of the 16 × 16 block at {@code b[s + r*k + l]} (16 lanes) to
     * {@code panel[d + l*NR + r]}. Four stages each exchange one bit of the row index with one bit of the lane
     * index: vectors {@code i} and {@code j = i + δ} (δ = 8, 4, 2, 1) become {@code i.blend(j.swapped)} and
     * {@code i.swapped.blend(j)}, where swapped exchanges lanes {@code l} and {@code l ^ δ} and the blend takes
     * the lanes with bit δ set; after the last stage vector {@code l} holds column {@code l}. A copy: the bits
     * are untouched. The Vector API calls are written out here, not in helper methods: C2 inlines the API's
     * own methods at any size, but stops inlining ordinary ones past its node budget, and a vector passed to a
     * call left out of line is boxed (measured: the product ran 3× slower).
     */
    private static void transpose16(float[] b, int s, int k, float[] panel, int d) {
        FloatVector v0 = FloatVector.fromArray(S, b, s + 0 * k);
        FloatVector v1 = FloatVector.fromArray(S, b, s + 1 * k);
        FloatVector v2 = FloatVector.fromArray(S, b, s + 2 * k);
        FloatVector v3 = FloatVector.fromArray(S, b, s + 3 * k);
        FloatVector v4 = FloatVector.fromArray(S, b, s + 4 * k);
        FloatVector v5 = FloatVector.fromArray(S, b, s + 5 * k);
        FloatVector v6 = FloatVector.fromArray(S, b, s + 6 * k);
        FloatVector v7 = FloatVector.fromArray(S, b, s + 7 * k);
        FloatVector v8 = FloatVector.fromArray(S, b, s + 8 * k);
        FloatVector v9 = FloatVector.fromArray(S, b, s + 9 * k);
        FloatVector v10 = FloatVector.fromArray(S, b, s + 10 * k);
        FloatVector v11 = FloatVector.fromArray(S, b, s + 11 * k);
        FloatVector v12 = FloatVector.fromArray(S, b, s + 12 * k);
        FloatVector v13 = FloatVector.fromArray(S, b, s + 13 * k);
        FloatVector v14 = FloatVector.fromArray(S, b, s + 14 * k);
        FloatVector v15 = FloatVector.fromArray(S, b, s + 15 * k);
        FloatVector t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15;
        t0 = v0.blend(v8.rearrange(SWAP8), HIGH8);
        t8 = v0.rearrange(SWAP8).blend(v8, HIGH8);
        t1 = v1.blend(v9.rearrange(SWAP8), HIGH8);
        t9 = v1.rearrange(SWAP8).blend(v9, HIGH8);
        t2 = v2.blend(v10.rearrange(SWAP8), HIGH8);
        t10 = v2.rearrange(SWAP8).blend(v10, HIGH8);
        t3 = v3.blend(v11.rearrange(SWAP8), HIGH8);
        t11 = v3.rearrange(SWAP8).blend(v11, HIGH8);
        t4 = v4.blend(v12.rearrange(SWAP8), HIGH8);
        t12 = v4.rearrange(SWAP8).blend(v12, HIGH8);
        t5 = v5.blend(v13.rearrange(SWAP8), HIGH8);
        t13 = v5.rearrange(SWAP8).blend(v13, HIGH8);
        t6 = v6.blend(v14.rearrange(SWAP8), HIGH8);
        t14 = v6.rearrange(SWAP8).blend(v14, HIGH8);
        t7 = v7.blend(v15.rearrange(SWAP8), HIGH8);
        t15 = v7.rearrange(SWAP8).blend(v15, HIGH8);
        v0 = t0.blend(t4.rearrange(SWAP4), HIGH4);
        v4 = t0.rearrange(SWAP4).blend(t4, HIGH4);
        v1 = t1.blend(t5.rearrange(SWAP4), HIGH4);
        v5 = t1.rearrange(SWAP4).blend(t5, HIGH4);
        v2 = t2.blend(t6.rearrange(SWAP4), HIGH4);
        v6 = t2.rearrange(SWAP4).blend(t6, HIGH4);
        v3 = t3.blend(t7.rearrange(SWAP4), HIGH4);
        v7 = t3.rearrange(SWAP4).blend(t7, HIGH4);
        v8 = t8.blend(t12.rearrange(SWAP4), HIGH4);
        v12 = t8.rearrange(SWAP4).blend(t12, HIGH4);
        v9 = t9.blend(t13.rearrange(SWAP4), HIGH4);
        v13 = t9.rearrange(SWAP4).blend(t13, HIGH4);
        v10 = t10.blend(t14.rearrange(SWAP4), HIGH4);
        v14 = t10.rearrange(SWAP4).blend(t14, HIGH4);
        v11 = t11.blend(t15.rearrange(SWAP4), HIGH4);
        v15 = t11.rearrange(SWAP4).blend(t15, HIGH4);
        t0 = v0.blend(v2.rearrange(SWAP2), HIGH2);
        t2 = v0.rearrange(SWAP2).blend(v2, HIGH2);
        t1 = v1.blend(v3.rearrange(SWAP2), HIGH2);
        t3 = v1.rearrange(SWAP2).blend(v3, HIGH2);
        t4 = v4.blend(v6.rearrange(SWAP2), HIGH2);
        t6 = v4.rearrange(SWAP2).blend(v6, HIGH2);
        t5 = v5.blend(v7.rearrange(SWAP2), HIGH2);
        t7 = v5.rearrange(SWAP2).blend(v7, HIGH2);
        t8 = v8.blend(v10.rearrange(SWAP2), HIGH2);
        t10 = v8.rearrange(SWAP2).blend(v10, HIGH2);
        t9 = v9.blend(v11.rearrange(SWAP2), HIGH2);
        t11 = v9.rearrange(SWAP2).blend(v11, HIGH2);
        t12 = v12.blend(v14.rearrange(SWAP2), HIGH2);
        t14 = v12.rearrange(SWAP2).blend(v14, HIGH2);
        t13 = v13.blend(v15.rearrange(SWAP2), HIGH2);
        t15 = v13.rearrange(SWAP2).blend(v15, HIGH2);
        v0 = t0.blend(t1.rearrange(SWAP1), HIGH1);
        v1 = t0.rearrange(SWAP1).blend(t1, HIGH1);
        v2 = t2.blend(t3.rearrange(SWAP1), HIGH1);
        v3 = t2.rearrange(SWAP1).blend(t3, HIGH1);
        v4 = t4.blend(t5.rearrange(SWAP1), HIGH1);
        v5 = t4.rearrange(SWAP1).blend(t5, HIGH1);
        v6 = t6.blend(t7.rearrange(SWAP1), HIGH1);
        v7 = t6.rearrange(SWAP1).blend(t7, HIGH1);
        v8 = t8.blend(t9.rearrange(SWAP1), HIGH1);
        v9 = t8.rearrange(SWAP1).blend(t9, HIGH1);
        v10 = t10.blend(t11.rearrange(SWAP1), HIGH1);
        v11 = t10.rearrange(SWAP1).blend(t11, HIGH1);
        v12 = t12.blend(t13.rearrange(SWAP1), HIGH1);
        v13 = t12.rearrange(SWAP1).blend(t13, HIGH1);
        v14 = t14.blend(t15.rearrange(SWAP1), HIGH1);
        v15 = t14.rearrange(SWAP1).blend(t15, HIGH1);
        v0.intoArray(panel, d + 0 * NR);
        v1.intoArray(panel, d + 1 * NR);
        v2.intoArray(panel, d + 2 * NR);
        v3.intoArray(panel, d + 3 * NR);
        v4.intoArray(panel, d + 4 * NR);
        v5.intoArray(panel, d + 5 * NR);
        v6.intoArray(panel, d + 6 * NR);
        v7.intoArray(panel, d + 7 * NR);
        v8.intoArray(panel, d + 8 * NR);
        v9.intoArray(panel, d + 9 * NR);
        v10.intoArray(panel, d + 10 * NR);
        v11.intoArray(panel, d + 11 * NR);
        v12.intoArray(panel, d + 12 * NR);
        v13.intoArray(panel, d + 13 * NR);
        v14.intoArray(panel, d + 14 * NR);
        v15.intoArray(panel, d + 15 * NR);
    }

    private static void gather(float[] c, int cOffset, int ldc, int rows, int width, float[] tile, boolean load) {
        for (int r = 0; r < rows; r++) {
            if (load) {
                System.arraycopy(c, cOffset + r * ldc, tile, r * NR, width);
            } else {
                java.util.Arrays.fill(tile, r * NR, r * NR + width, 0f);
            }
        }
    }

    private static void scatter(float[] tile, int rows, int width, float[] c, int cOffset, int ldc) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * NR, c, cOffset + r * ldc, width);
        }
    }

    /** A 4-row register tile: {@code C[0..4, 0..width] (+)= A[0..4, 0..kc] · panel}. */
    @FunctionalInterface
    private interface Tile {
        void run(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel, float[] c, int co, int ldc,
                 boolean load);
    }

    /**
     * The tiles of 1, 2 and 3 vectors' width. Called through this table rather than a switch so that C2
     * compiles each on its own: inlined together into {@link #columns}, they exceeded its inlining budget,
     * and a Vector API call left un-inlined runs boxed (measured: the 2-vector tile ran boxed for epochs).
     */
    private static final Tile[] TILES = {VectorKernel::tile4x1, VectorKernel::tile4x2, VectorKernel::tile4};

    /** The 4-row register tile of {@code vectors} (1 to 3) vectors' width. */
    private static void tile4(int vectors, int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                              float[] c, int co, int ldc, boolean load) {
        TILES[vectors - 1].run(kc, a, ai, aRow, aDepth, panel, c, co, ldc, load);
    }

    /** The 4 × NR register tile: {@code C[0..4, 0..NR] (+)= A[0..4, 0..kc] · panel}. */
    private static void tile4(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                              float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c02 = FloatVector.fromArray(S, c, co + 2 * L);
            c10 = FloatVector.fromArray(S, c, c1);
            c11 = FloatVector.fromArray(S, c, c1 + L);
            c12 = FloatVector.fromArray(S, c, c1 + 2 * L);
            c20 = FloatVector.fromArray(S, c, c2);
            c21 = FloatVector.fromArray(S, c, c2 + L);
            c22 = FloatVector.fromArray(S, c, c2 + 2 * L);
            c30 = FloatVector.fromArray(S, c, c3);
            c31 = FloatVector.fromArray(S, c, c3 + L);
            c32 = FloatVector.fromArray(S, c, c3 + 2 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z;
            c10 = z; c11 = z; c12 = z;
            c20 = z; c21 = z; c22 = z;
            c30 = z; c31 = z; c32 = z;
        }
        int a0 = ai;
        int a1 = ai + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0; p < kc; p++) {
            int bo = p * NR;
            FloatVector b0 = FloatVector.fromArray(S, panel, bo);
            FloatVector b1 = FloatVector.fromArray(S, panel, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, panel, bo + 2 * L);
            int ao = p * aDepth;
            FloatVector x = FloatVector.broadcast(S, a[a0 + ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[a1 + ao]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[a2 + ao]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, a[a3 + ao]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c12.intoArray(c, c1 + 2 * L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c22.intoArray(c, c2 + 2 * L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c32.intoArray(c, c3 + 2 * L);
    }

    /** An 8-row × 3-vector register tile (24 accumulators): twice the multiply-adds of {@link #tile4} per panel load. */
    private static void tile8(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                              float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co + 0 * ldc + 0 * L);
            c01 = FloatVector.fromArray(S, c, co + 0 * ldc + 1 * L);
            c02 = FloatVector.fromArray(S, c, co + 0 * ldc + 2 * L);
            c10 = FloatVector.fromArray(S, c, co + 1 * ldc + 0 * L);
            c11 = FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L);
            c12 = FloatVector.fromArray(S, c, co + 1 * ldc + 2 * L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc + 0 * L);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L);
            c22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc + 0 * L);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L);
            c32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc + 0 * L);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L);
            c42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc + 0 * L);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L);
            c52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc + 0 * L);
            c61 = FloatVector.fromArray(S, c, co + 6 * ldc + 1 * L);
            c62 = FloatVector.fromArray(S, c, co + 6 * ldc + 2 * L);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc + 0 * L);
            c71 = FloatVector.fromArray(S, c, co + 7 * ldc + 1 * L);
            c72 = FloatVector.fromArray(S, c, co + 7 * ldc + 2 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z;
            c10 = z; c11 = z; c12 = z;
            c20 = z; c21 = z; c22 = z;
            c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z;
            c50 = z; c51 = z; c52 = z;
            c60 = z; c61 = z; c62 = z;
            c70 = z; c71 = z; c72 = z;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * NR;
            FloatVector b0 = FloatVector.fromArray(S, panel, bo);
            FloatVector b1 = FloatVector.fromArray(S, panel, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, panel, bo + 2 * L);
            int ao = ai + p * aDepth;
            FloatVector x;
            x = FloatVector.broadcast(S, a[ao + 0 * aRow]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[ao + 1 * aRow]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[ao + 2 * aRow]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, a[ao + 3 * aRow]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(S, a[ao + 4 * aRow]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(S, a[ao + 5 * aRow]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            x = FloatVector.broadcast(S, a[ao + 6 * aRow]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            c62 = x.fma(b2, c62);
            x = FloatVector.broadcast(S, a[ao + 7 * aRow]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            c72 = x.fma(b2, c72);
        }
        c00.intoArray(c, co + 0 * ldc + 0 * L);
        c01.intoArray(c, co + 0 * ldc + 1 * L);
        c02.intoArray(c, co + 0 * ldc + 2 * L);
        c10.intoArray(c, co + 1 * ldc + 0 * L);
        c11.intoArray(c, co + 1 * ldc + 1 * L);
        c12.intoArray(c, co + 1 * ldc + 2 * L);
        c20.intoArray(c, co + 2 * ldc + 0 * L);
        c21.intoArray(c, co + 2 * ldc + 1 * L);
        c22.intoArray(c, co + 2 * ldc + 2 * L);
        c30.intoArray(c, co + 3 * ldc + 0 * L);
        c31.intoArray(c, co + 3 * ldc + 1 * L);
        c32.intoArray(c, co + 3 * ldc + 2 * L);
        c40.intoArray(c, co + 4 * ldc + 0 * L);
        c41.intoArray(c, co + 4 * ldc + 1 * L);
        c42.intoArray(c, co + 4 * ldc + 2 * L);
        c50.intoArray(c, co + 5 * ldc + 0 * L);
        c51.intoArray(c, co + 5 * ldc + 1 * L);
        c52.intoArray(c, co + 5 * ldc + 2 * L);
        c60.intoArray(c, co + 6 * ldc + 0 * L);
        c61.intoArray(c, co + 6 * ldc + 1 * L);
        c62.intoArray(c, co + 6 * ldc + 2 * L);
        c70.intoArray(c, co + 7 * ldc + 0 * L);
        c71.intoArray(c, co + 7 * ldc + 1 * L);
        c72.intoArray(c, co + 7 * ldc + 2 * L);
    }

    /** The 4 × 2-vector tile for edge panels: the first two vectors of {@link #tile4}'s. */
    private static void tile4x2(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                                float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, c1);
            c11 = FloatVector.fromArray(S, c, c1 + L);
            c20 = FloatVector.fromArray(S, c, c2);
            c21 = FloatVector.fromArray(S, c, c2 + L);
            c30 = FloatVector.fromArray(S, c, c3);
            c31 = FloatVector.fromArray(S, c, c3 + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z;
            c20 = z; c21 = z; c30 = z; c31 = z;
        }
        int a0 = ai;
        int a1 = ai + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0; p < kc; p++) {
            int bo = p * NR;
            FloatVector b0 = FloatVector.fromArray(S, panel, bo);
            FloatVector b1 = FloatVector.fromArray(S, panel, bo + L);
            int ao = p * aDepth;
            FloatVector x = FloatVector.broadcast(S, a[a0 + ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ao]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ao]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ao]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    /** The 4 × 1-vector tile for edge panels: the first vector of {@link #tile4}'s. */
    private static void tile4x1(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                                float[] c, int co, int ldc, boolean load) {
        FloatVector c0, c1, c2, c3;
        int r1 = co + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (load) {
            c0 = FloatVector.fromArray(S, c, co);
            c1 = FloatVector.fromArray(S, c, r1);
            c2 = FloatVector.fromArray(S, c, r2);
            c3 = FloatVector.fromArray(S, c, r3);
        } else {
            c0 = FloatVector.zero(S);
            c1 = c0;
            c2 = c0;
            c3 = c0;
        }
        int a1 = ai + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, panel, p * NR);
            int ao = p * aDepth;
            c0 = FloatVector.broadcast(S, a[ai + ao]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ao]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ao]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ao]).fma(b0, c3);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, r1);
        c2.intoArray(c, r2);
        c3.intoArray(c, r3);
    }

    /** The 8 × 1-vector tile for one-vector edge panels: the first vector of {@link #tile8}'s. */
    private static void tile8x1(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                                float[] c, int co, int ldc, boolean load) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (load) {
            c0 = FloatVector.fromArray(S, c, co);
            c1 = FloatVector.fromArray(S, c, co + ldc);
            c2 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c3 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c4 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c5 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c6 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c7 = FloatVector.fromArray(S, c, co + 7 * ldc);
        } else {
            c0 = FloatVector.zero(S);
            c1 = c0;
            c2 = c0;
            c3 = c0;
            c4 = c0;
            c5 = c0;
            c6 = c0;
            c7 = c0;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, panel, p * NR);
            int ao = ai + p * aDepth;
            c0 = FloatVector.broadcast(S, a[ao]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ao + aRow]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ao + 2 * aRow]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ao + 3 * aRow]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ao + 4 * aRow]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ao + 5 * aRow]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ao + 6 * aRow]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ao + 7 * aRow]).fma(b0, c7);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + ldc);
        c2.intoArray(c, co + 2 * ldc);
        c3.intoArray(c, co + 3 * ldc);
        c4.intoArray(c, co + 4 * ldc);
        c5.intoArray(c, co + 5 * ldc);
        c6.intoArray(c, co + 6 * ldc);
        c7.intoArray(c, co + 7 * ldc);
    }

    /** The 16-row × 1-vector tile for one-vector edge panels: {@link #tile8x1} on twice the rows (AVX-512 only: 16 accumulators). */
    private static void tile16x1(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                                float[] c, int co, int ldc, boolean load) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15;
        if (load) {
            c0 = FloatVector.fromArray(S, c, co);
            c1 = FloatVector.fromArray(S, c, co + 1 * ldc);
            c2 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c3 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c4 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c5 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c6 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c7 = FloatVector.fromArray(S, c, co + 7 * ldc);
            c8 = FloatVector.fromArray(S, c, co + 8 * ldc);
            c9 = FloatVector.fromArray(S, c, co + 9 * ldc);
            c10 = FloatVector.fromArray(S, c, co + 10 * ldc);
            c11 = FloatVector.fromArray(S, c, co + 11 * ldc);
            c12 = FloatVector.fromArray(S, c, co + 12 * ldc);
            c13 = FloatVector.fromArray(S, c, co + 13 * ldc);
            c14 = FloatVector.fromArray(S, c, co + 14 * ldc);
            c15 = FloatVector.fromArray(S, c, co + 15 * ldc);
        } else {
            FloatVector z = FloatVector.zero(S);
            c0 = z;
            c1 = z;
            c2 = z;
            c3 = z;
            c4 = z;
            c5 = z;
            c6 = z;
            c7 = z;
            c8 = z;
            c9 = z;
            c10 = z;
            c11 = z;
            c12 = z;
            c13 = z;
            c14 = z;
            c15 = z;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * NR;
            FloatVector b0 = FloatVector.fromArray(S, panel, bo);
            int ao = ai + p * aDepth;
            c0 = FloatVector.broadcast(S, a[ao]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ao + 1 * aRow]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ao + 2 * aRow]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ao + 3 * aRow]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ao + 4 * aRow]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ao + 5 * aRow]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ao + 6 * aRow]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ao + 7 * aRow]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, a[ao + 8 * aRow]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, a[ao + 9 * aRow]).fma(b0, c9);
            c10 = FloatVector.broadcast(S, a[ao + 10 * aRow]).fma(b0, c10);
            c11 = FloatVector.broadcast(S, a[ao + 11 * aRow]).fma(b0, c11);
            c12 = FloatVector.broadcast(S, a[ao + 12 * aRow]).fma(b0, c12);
            c13 = FloatVector.broadcast(S, a[ao + 13 * aRow]).fma(b0, c13);
            c14 = FloatVector.broadcast(S, a[ao + 14 * aRow]).fma(b0, c14);
            c15 = FloatVector.broadcast(S, a[ao + 15 * aRow]).fma(b0, c15);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + 1 * ldc);
        c2.intoArray(c, co + 2 * ldc);
        c3.intoArray(c, co + 3 * ldc);
        c4.intoArray(c, co + 4 * ldc);
        c5.intoArray(c, co + 5 * ldc);
        c6.intoArray(c, co + 6 * ldc);
        c7.intoArray(c, co + 7 * ldc);
        c8.intoArray(c, co + 8 * ldc);
        c9.intoArray(c, co + 9 * ldc);
        c10.intoArray(c, co + 10 * ldc);
        c11.intoArray(c, co + 11 * ldc);
        c12.intoArray(c, co + 12 * ldc);
        c13.intoArray(c, co + 13 * ldc);
        c14.intoArray(c, co + 14 * ldc);
        c15.intoArray(c, co + 15 * ldc);
    }

    /** The 8-row × 2-vector tile for two-vector edge panels: 16 accumulators (AVX-512 only). */
    private static void tile8x2(int kc, float[] a, int ai, int aRow, int aDepth, float[] panel,
                                float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 1 * L);
            c10 = FloatVector.fromArray(S, c, co + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, co + 6 * ldc + 1 * L);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc);
            c71 = FloatVector.fromArray(S, c, co + 7 * ldc + 1 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z;
            c10 = z; c11 = z;
            c20 = z; c21 = z;
            c30 = z; c31 = z;
            c40 = z; c41 = z;
            c50 = z; c51 = z;
            c60 = z; c61 = z;
            c70 = z; c71 = z;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * NR;
            FloatVector b0 = FloatVector.fromArray(S, panel, bo);
            FloatVector b1 = FloatVector.fromArray(S, panel, bo + 1 * L);
            int ao = ai + p * aDepth;
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ao + 1 * aRow]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ao + 2 * aRow]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ao + 3 * aRow]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ao + 4 * aRow]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ao + 5 * aRow]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ao + 6 * aRow]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ao + 7 * aRow]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 1 * L);
        c10.intoArray(c, co + 1 * ldc);
        c11.intoArray(c, co + 1 * ldc + 1 * L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 1 * L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 1 * L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + 1 * L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + 1 * L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + 1 * L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + 1 * L);
    }

    /** One row of the register tile, for the last {@code m mod 4} rows. */
    private static void tile1(int kc, float[] a, int ai, int aDepth, float[] panel,
                              float[] c, int co, boolean load) {
        FloatVector c0;
        FloatVector c1;
        FloatVector c2;
        if (load) {
            c0 = FloatVector.fromArray(S, c, co);
            c1 = FloatVector.fromArray(S, c, co + L);
            c2 = FloatVector.fromArray(S, c, co + 2 * L);
        } else {
            c0 = FloatVector.zero(S);
            c1 = c0;
            c2 = c0;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * NR;
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aDepth]);
            c0 = x.fma(FloatVector.fromArray(S, panel, bo), c0);
            c1 = x.fma(FloatVector.fromArray(S, panel, bo + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, panel, bo + 2 * L), c2);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
        c2.intoArray(c, co + 2 * L);
    }

    @Override
    public Parallel.Pending submit(int chunks, IntConsumer body) {
        return parallel.submit(chunks, body);
    }

    @Override
    public void run(int chunks, java.util.function.IntConsumer body) {
        parallel.run(chunks, body);
    }

    @Override
    public void addRowVector(float[] x, int rows, int cols, float[] row) {
        int upper = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector.fromArray(S, x, base + j).add(FloatVector.fromArray(S, row, j)).intoArray(x, base + j);
            }
            for (; j < cols; j++) {
                x[base + j] += row[j];
            }
        }
    }

    @Override
    public void sumRows(float[] x, int rows, int cols, float[] out, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, 0, cols, 0f);
        }
        int upper = S.loopBound(cols);
        // Column j is summed over r in increasing order, exactly as the scalar loop does.
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, x, base + j)).intoArray(out, j);
            }
            for (; j < cols; j++) {
                out[j] += x[base + j];
            }
        }
    }
}
