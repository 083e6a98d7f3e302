package dev.hebb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hebb.layer.Dense;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The acceptance criterion, end to end: from the same initial weights, data order and
 * hyperparameters, training gives PyTorch's weights up to float32 rounding. A {@code Linear(4, 5) →
 * Linear(5, 3)} network (nn-core's {@link Dense}), 24 samples in fixed order, batches of 6, 3 epochs
 * (12 steps), for every optimizer with its buffers in use and with {@code cross_entropy} or {@code mse}.
 *
 * <p>Initial weights, data and PyTorch's final weights are exact hex floats printed by
 * {@code nn-optim/src/test/python/training_parity.py} ({@code /usr/bin/python3 training_parity.py},
 * torch 1.13, {@code foreach=False}). The optimizer steps are bitwise PyTorch's (see
 * {@link OptimizerBitwiseParityTest}), but the matrix products and the loss gradients round differently
 * (summation order; the losses work in double), and twelve steps carry those last-bit differences
 * forward. Tolerance: 1e-6 absolute on weights of order 0.1 to 1; the largest difference seen is below
 * 5e-7 (a few float32 ulps); exact agreement is not expected.
 */
class TrainingParityTest {

    private static final double TOLERANCE = 1e-6;
    private static final int BATCH = 6;

    private static final float[] INITIAL = {
            0x1.1e15ep-5f, -0x1.346cfp-2f, 0x1.4610c8p-3f, 0x1.414fbp-3f, -0x1.11a6f4p-2f, -0x1.32f2dp-4f,
            -0x1.2bf1a4p-2f, 0x1.09b338p-3f, -0x1.13d52p-3f, 0x1.67b2e4p-2f, 0x1.6b7638p-2f, 0x1.a142ep-5f,
            -0x1.b48dcp-3f, -0x1.2cba9cp-2f, -0x1.c1d24p-5f, -0x1.202ebp-3f, 0x1.c356dp-3f, -0x1.b531ep-2f,
            0x1.e1329cp-2f, -0x1.91a068p-2f, 0x1.88111p-2f, -0x1.63a5p-4f, 0x1.075dfcp-2f, 0x1.8f0c38p-3f,
            0x1.56ebp-6f, 0x1.558f34p-4f, 0x1.5bc4cp-2f, 0x1.d7187ap-4f, 0x1.e5ecc4p-3f, -0x1.623faep-2f,
            0x1.46017ap-2f, 0x1.3b38e6p-3f, 0x1.cffe64p-4f, 0x1.fa1b08p-5f, 0x1.be776ap-3f, 0x1.a497eep-2f,
            -0x1.979a1cp-4f, -0x1.fe403p-3f, -0x1.ccdeb8p-4f, -0x1.171c6ep-2f, 0x1.b896b4p-3f, -0x1.c4abdcp-3f,
            -0x1.e8cfbap-3f};
    private static final float[] X = {
            0x1.de271p+0f, 0x1.417c34p+1f, -0x1.41399ap+0f, 0x1.a20696p-1f, -0x1.10bdfcp+0f, -0x1.6cf04p-3f,
            -0x1.09ba12p-2f, -0x1.dabda8p-7f, -0x1.5e243p+0f, -0x1.9c9b96p-4f, 0x1.e567e8p-3f, 0x1.43eee8p-1f,
            -0x1.77827ap-4f, 0x1.9fd334p+0f, 0x1.9ad9c2p-10f, -0x1.c00aacp-2f, -0x1.43376cp-2f, -0x1.106ca4p-1f,
            0x1.32523ep-2f, -0x1.6ba24p+0f, -0x1.4ec16ep-3f, 0x1.10e008p-3f, 0x1.75da5ep-3f, -0x1.077de4p-1f,
            0x1.912f06p+0f, -0x1.e0af86p-1f, -0x1.3ca9fap+0f, -0x1.0046acp-4f, 0x1.cc4c32p-2f, -0x1.c58736p-1f,
            0x1.326fccp+0f, 0x1.deae6p-2f, -0x1.2495b6p+1f, -0x1.787cf4p-2f, -0x1.c3ad3ap-1f, 0x1.178ee4p-1f,
            0x1.30272p-3f, -0x1.20ff02p+1f, 0x1.9e0068p-2f, 0x1.24f744p-1f, 0x1.6138c2p+0f, 0x1.49a802p+0f,
            0x1.bca3eap-1f, -0x1.61d7c2p+0f, -0x1.ed2c4cp-1f, -0x1.980598p-2f, -0x1.62a5b4p-3f, 0x1.8385e6p-1f,
            0x1.047516p-1f, 0x1.1e28eap+0f, 0x1.20ea0cp+0f, 0x1.21fe66p-3f, -0x1.17761cp-1f, -0x1.12da64p-1f,
            0x1.a8634ep-1f, 0x1.0e9c2p+0f, -0x1.c0dad2p-2f, 0x1.283d64p+0f, 0x1.6c4f5ep-4f, 0x1.104134p-2f,
            -0x1.8683f6p-3f, 0x1.88d842p-2f, 0x1.e99e1ep+0f, -0x1.36e9b6p+0f, 0x1.4ac0dap-1f, 0x1.35c6e6p-4f,
            -0x1.3861bcp-3f, 0x1.910f84p-3f, -0x1.9199dep+0f, -0x1.1fec5ap+0f, -0x1.41fc8p-2f, 0x1.407e16p-1f,
            0x1.47d1dp-1f, 0x1.5e2df2p-1f, 0x1.9cfce6p+0f, 0x1.ddc7c8p-1f, -0x1.f44e54p-1f, -0x1.a1c6f6p-1f,
            0x1.280d48p+0f, -0x1.35eeap+0f, -0x1.942906p-2f, 0x1.53c204p+0f, 0x1.c5263p-4f, 0x1.59807p-2f,
            -0x1.47d3bcp-2f, 0x1.234664p-1f, 0x1.11027p-3f, 0x1.1eb97ep-1f, 0x1.2d111ep-1f, 0x1.1a210cp-2f,
            -0x1.de065ep-1f, -0x1.38cf5cp-3f, -0x1.0f5756p-1f, 0x1.741ae4p+0f, -0x1.8a9a9ep+0f, -0x1.536a1ep-2f};
    private static final float[] LABELS = {
            0x1.0p+0f, 0x1.0p+0f, 0x1.0p+1f, 0x1.0p+0f, 0x1.0p+1f, 0x0.0p+0f,
            0x1.0p+1f, 0x1.0p+1f, 0x1.0p+1f, 0x1.0p+0f, 0x1.0p+0f, 0x1.0p+0f,
            0x0.0p+0f, 0x1.0p+0f, 0x1.0p+1f, 0x1.0p+0f, 0x0.0p+0f, 0x1.0p+0f,
            0x1.0p+1f, 0x1.0p+1f, 0x1.0p+1f, 0x1.0p+1f, 0x1.0p+1f, 0x0.0p+0f};
    private static final float[] TARGETS = {
            0x1.268c7ap-3f, 0x1.670cc6p+0f, -0x1.aab288p-2f, 0x1.52d97p-3f, -0x1.6e6f46p-1f, 0x1.3e1442p+0f,
            -0x1.554d4cp+0f, 0x1.2f2a84p-2f, 0x1.d96378p-3f, -0x1.82daf6p-1f, -0x1.eaa3e4p-4f, 0x1.e8b0d6p-1f,
            0x1.318b06p-3f, 0x1.9f473ap+0f, 0x1.8ebefcp-3f, -0x1.9864b4p+0f, 0x1.a60d82p-3f, 0x1.66f714p-1f,
            -0x1.61c508p-1f, 0x1.2b32fcp-2f, 0x1.7615c2p+0f, 0x1.01b082p+0f, 0x1.f4cb4ap-1f, -0x1.da729p-2f,
            -0x1.8d083ep-1f, -0x1.1354f4p+1f, -0x1.4796fcp+0f, -0x1.fa7152p-1f, -0x1.1f42b4p-8f, -0x1.7e7502p-3f,
            0x1.b9d33cp-4f, -0x1.9d113ap-2f, 0x1.c51012p-1f, 0x1.48ca12p+0f, -0x1.ac7212p-1f, -0x1.6d4d7ap+0f,
            -0x1.12a568p-2f, -0x1.7db422p+0f, 0x1.00544p+1f, -0x1.bae044p-1f, 0x1.53389cp-1f, 0x1.815a3ap-1f,
            0x1.26cda8p-1f, 0x1.15f708p-4f, -0x1.917d94p-4f, -0x1.3d895cp-1f, -0x1.f65b3p+0f, 0x1.1bd668p-1f,
            -0x1.b8aa5cp-1f, -0x1.5947c8p-1f, -0x1.82a2e2p+1f, 0x1.9b0f4ap-2f, -0x1.0f70dep+0f, -0x1.74157p+0f,
            0x1.b83772p-2f, -0x1.1fbeaap+0f, 0x1.294cb8p+0f, -0x1.5321bep+0f, 0x1.b4a244p-1f, -0x1.a208a8p-7f,
            0x1.a5c334p-1f, -0x1.6eff82p-1f, 0x1.b960b8p-1f, -0x1.be6fbep-2f, 0x1.04f012p+0f, 0x1.f970aap-1f,
            -0x1.2c5716p-1f, 0x1.1b170cp+1f, 0x1.f67aeap-3f, 0x1.4073fp-1f, -0x1.0c1dc6p-2f, -0x1.a664cep-2f};

    private static void check(String optimizer, Hyperparameters h, String lossName, float[] expected) {
        SplittableRandom init = new SplittableRandom(0); // overwritten by PyTorch's initial weights below
        Sequential model = new Sequential(new int[] {4}, List.of(new Dense(4, 5, init), new Dense(5, 3, init)));
        int offset = 0;
        for (Parameter p : model.parameters()) {
            float[] v = p.value().data();
            System.arraycopy(INITIAL, offset, v, 0, v.length);
            offset += v.length;
        }
        Optimizer opt = Registry.get().optimizer(optimizer, model.parameters(), h);
        Loss loss = Registry.get().loss(lossName, Hyperparameters.empty());
        boolean labels = loss.takesClassLabels();
        Tensor gradient = Tensor.zeros(BATCH, 3);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int b = 0; b < LABELS.length; b += BATCH) {
                Tensor x = Tensor.of(Arrays.copyOfRange(X, b * 4, (b + BATCH) * 4), BATCH, 4);
                Tensor y = labels ? Tensor.of(Arrays.copyOfRange(LABELS, b, b + BATCH), BATCH)
                        : Tensor.of(Arrays.copyOfRange(TARGETS, b * 3, (b + BATCH) * 3), BATCH, 3);
                opt.zeroGrad();
                Tensor out = model.forward(x, true);
                loss.valueAndGradient(out, y, gradient);
                model.backward(gradient);
                opt.step();
            }
        }
        offset = 0;
        for (Parameter p : model.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) {
                assertEquals(expected[offset + i], v[i], TOLERANCE, optimizer + " with " + lossName + ": parameter "
                        + (offset + i));
            }
            offset += v.length;
        }
    }

    @Test
    void sgdWithCrossEntropy() {
        check("sgd", Hyperparameters.of("lr", 0.1, "momentum", 0.9, "nesterov", true, "weightDecay", 0.01), "cross_entropy", new float[] {
            -0x1.5c191cp-3f, -0x1.7ffb1p-2f, 0x1.3bb4a2p-3f, 0x1.e6849ep-3f, -0x1.d21664p-5f, 0x1.b4025cp-6f,
            -0x1.250e38p-2f, 0x1.355e7ep-4f, -0x1.1668fep-7f, 0x1.684046p-2f, 0x1.312d6cp-2f, 0x1.012986p-4f,
            -0x1.267c12p-4f, -0x1.9a2ca8p-3f, -0x1.139aaep-4f, -0x1.52e4d8p-3f, 0x1.c734fep-3f, -0x1.1d52fp-2f,
            0x1.673a62p-2f, -0x1.0bee2ap-2f, 0x1.2fc462p-1f, -0x1.3e757p-2f, 0x1.3b1028p-4f, 0x1.88aeeep-10f,
            0x1.5d56dap-3f, -0x1.3db73p-2f, 0x1.1de372p-2f, -0x1.1b9b64p-4f, 0x1.9f97dcp-6f, -0x1.7d91dcp-3f,
            0x1.a254aep-2f, 0x1.18227p-3f, 0x1.20c6fp-3f, 0x1.d30c44p-6f, -0x1.d7ac04p-6f, 0x1.545e4cp-1f,
            -0x1.784468p-5f, -0x1.76293ap-4f, 0x1.f0dfp-4f, -0x1.49cd3p-3f, -0x1.1ba8eap-1f, 0x1.e88ca6p-5f,
            0x1.0f0bfp-2f});
    }

    @Test
    void adamWithCrossEntropy() {
        check("adam", Hyperparameters.of("lr", 0.01, "amsgrad", true), "cross_entropy", new float[] {
            -0x1.19636ap-4f, -0x1.377c0cp-2f, 0x1.297a8ep-3f, 0x1.015d58p-2f, -0x1.4e76dp-3f, -0x1.e3619cp-6f,
            -0x1.3b7f06p-2f, 0x1.647bd2p-4f, -0x1.c80ab8p-5f, 0x1.8f7248p-2f, 0x1.55150ep-2f, 0x1.c747ap-5f,
            -0x1.c78f62p-4f, -0x1.01e13p-2f, -0x1.179c3p-4f, -0x1.8e5392p-3f, 0x1.ce671cp-3f, -0x1.9722p-2f,
            0x1.c56cb4p-2f, -0x1.4491fcp-2f, 0x1.f2d394p-2f, -0x1.789544p-3f, 0x1.80baeep-3f, 0x1.87e424p-4f,
            0x1.741cb4p-4f, -0x1.0fa81p-6f, 0x1.40d82ep-2f, 0x1.aaa9bp-6f, 0x1.718a64p-3f, -0x1.325d5ap-2f,
            0x1.4fd2c8p-2f, 0x1.18a8fep-3f, 0x1.480044p-3f, 0x1.5e848ep-5f, 0x1.6f05f6p-3f, 0x1.f32b2cp-2f,
            -0x1.2ed38ep-4f, -0x1.f589aap-3f, -0x1.2f3214p-5f, -0x1.f61e88p-3f, 0x1.ba7bc4p-4f, -0x1.4b82e6p-3f,
            -0x1.4cbf68p-3f});
    }

    @Test
    void adamwWithMse() {
        check("adamw", Hyperparameters.of("lr", 0.01), "mse", new float[] {
            0x1.ac8d76p-4f, -0x1.7b889ep-3f, 0x1.b66466p-3f, 0x1.32e854p-4f, -0x1.6b44f4p-3f, -0x1.0d714p-4f,
            -0x1.4c7e86p-2f, 0x1.5b6ac6p-3f, -0x1.a3c5cep-4f, 0x1.373522p-2f, 0x1.285378p-2f, 0x1.0999d8p-3f,
            -0x1.2dec46p-3f, -0x1.4f7a6ep-2f, -0x1.5f11e8p-4f, -0x1.40e3a6p-5f, 0x1.81a60cp-3f, -0x1.c8f714p-2f,
            0x1.71892p-2f, -0x1.53224p-2f, 0x1.aef27cp-2f, -0x1.8ed212p-3f, 0x1.3b4562p-3f, 0x1.851c1ep-4f,
            0x1.92a014p-4f, -0x1.a8c15ap-6f, 0x1.2ac97ap-2f, 0x1.2e70aap-4f, 0x1.14443cp-3f, -0x1.2b3ebp-2f,
            0x1.f8ddccp-3f, 0x1.ffae5ap-4f, 0x1.70bfcep-4f, -0x1.90073p-7f, 0x1.6dbc74p-3f, 0x1.cc089p-2f,
            -0x1.6e9386p-3f, -0x1.493462p-3f, -0x1.26a3d2p-3f, -0x1.78d38cp-3f, 0x1.cff34cp-4f, -0x1.af5008p-3f,
            -0x1.548884p-3f});
    }

    @Test
    void rmspropWithMse() {
        check("rmsprop", Hyperparameters.of("lr", 0.01, "momentum", 0.5, "centered", true), "mse", new float[] {
            0x1.882e0ap-2f, 0x1.faa81p-4f, 0x1.acb168p-2f, -0x1.443eb2p-2f, 0x1.aca46cp-8f, -0x1.224914p-3f,
            -0x1.76655cp-2f, 0x1.02ad48p-2f, 0x1.337ba4p-4f, 0x1.04d23ap-2f, 0x1.0654b2p-3f, 0x1.8b93a2p-2f,
            -0x1.54cc1ap-3f, -0x1.e510ap-2f, 0x1.17366ep-5f, -0x1.4669eap-5f, 0x1.7c871cp-2f, -0x1.b0e72ep-2f,
            -0x1.58bf9ep-2f, -0x1.d915bap-4f, 0x1.901052p-2f, -0x1.ceac78p-3f, -0x1.b37798p-5f, 0x1.44912ap-4f,
            0x1.d77872p-3f, -0x1.85ed9ap-3f, 0x1.0b963ap-6f, 0x1.2e3e4ap-3f, -0x1.1fdf18p-2f, -0x1.4c681cp-3f,
            0x1.366728p-4f, 0x1.af00d8p-5f, -0x1.c497fap-5f, -0x1.3f0ab8p-4f, 0x1.4130a8p-2f, 0x1.04e482p-1f,
            -0x1.04d942p-2f, 0x1.3579bap-3f, -0x1.80806ep-3f, -0x1.ac3098p-11f, -0x1.821646p-4f, -0x1.3e0186p-3f,
            -0x1.552978p-3f});
    }

    @Test
    void adagradWithCrossEntropy() {
        check("adagrad", Hyperparameters.of("lr", 0.1, "lrDecay", 0.01), "cross_entropy", new float[] {
            -0x1.f3a91cp-3f, -0x1.0a07fcp-2f, 0x1.3bap-7f, 0x1.96e3d4p-2f, -0x1.51f902p-4f, 0x1.aa6a0cp-3f,
            -0x1.f97d28p-3f, 0x1.20af48p-5f, -0x1.f04a02p-5f, 0x1.47fbbcp-2f, 0x1.26fa84p-2f, 0x1.3588d2p-3f,
            0x1.186ba4p-7f, -0x1.e26754p-6f, -0x1.5c7f52p-3f, -0x1.ca1c42p-3f, 0x1.14490ap-2f, -0x1.89c112p-2f,
            0x1.56a5fep-2f, -0x1.974d32p-3f, 0x1.625ad4p-1f, -0x1.061e28p-2f, 0x1.60fda8p-4f, -0x1.04732p-4f,
            0x1.2c28acp-3f, -0x1.1c45b6p-2f, 0x1.706f1p-2f, -0x1.42294ap-5f, 0x1.d81cbap-3f, -0x1.2c8bacp-2f,
            0x1.701698p-2f, 0x1.a069d6p-5f, 0x1.39a864p-4f, 0x1.6887acp-6f, 0x1.b43f18p-4f, 0x1.384b62p-1f,
            0x1.7333a4p-6f, -0x1.fdfee8p-3f, -0x1.992a96p-6f, -0x1.0a423ep-3f, -0x1.269eaep-4f, -0x1.22c1a4p-4f,
            0x1.577c48p-7f});
    }
}
