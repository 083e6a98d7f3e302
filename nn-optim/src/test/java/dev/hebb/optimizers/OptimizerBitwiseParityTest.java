package dev.hebb.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bit-for-bit agreement with PyTorch 1.13 on a 37-element parameter, long enough that PyTorch runs its
 * vectorised (AVX2 + FMA) CPU kernels on the first 32 elements and its scalar loop on the tail: three
 * steps of each optimizer with every buffer in use.
 *
 * <p>Inputs and expected weights are exact hex floats printed by
 * {@code nn-optim/src/test/python/optimizer_parity.py} ({@code /usr/bin/python3 optimizer_parity.py},
 * torch 1.13, {@code foreach=False}, on an x86-64 CPU with AVX2/FMA). Tolerance: none. This holds
 * because each update repeats PyTorch's float32 operations in PyTorch's order, with FMA exactly where
 * PyTorch's kernels fuse; a reordered or unfused operation shows up here as a last-bit difference.
 */
class OptimizerBitwiseParityTest {

    private static final float[] W0 = {-0x1.39ea92p+0f, -0x1.313a5ep-7f, 0x1.8abdc2p+0f, -0x1.dcd87ep-2f, 0x1.1e360cp-2f, -0x1.0b3e64p-2f, 0x1.3ef58cp-1f, -0x1.27f6dcp+0f, 0x1.df8afap-4f, -0x1.e2f03cp+0f, 0x1.1751d2p+1f, -0x1.8b2a1p-3f, 0x1.1254fcp-1f, -0x1.c79754p-1f, -0x1.3d5578p-2f, 0x1.8c5886p-1f, 0x1.fa6d96p-4f, -0x1.1720acp+1f, 0x1.7ad586p-2f, 0x1.a857f2p-2f, 0x1.db51eep+0f, -0x1.4c53a6p-1f, -0x1.cb3b62p-1f, 0x1.436f3ep+0f, 0x1.f4f584p-6f, -0x1.2fb34p-1f, -0x1.07e144p-1f, 0x1.0af828p-1f, -0x1.7356e6p-2f, -0x1.e80274p-5f, 0x1.1b04e6p-2f, -0x1.ec09ap-3f, 0x1.3bc9b4p-2f, -0x1.d84d2ep-1f, -0x1.f63fbap-1f, 0x1.99a384p+0f, 0x1.8fecfp+1f};
    private static final float[] C = {-0x1.4e14eap+0f, -0x1.98b4e4p-1f, 0x1.0b531cp+0f, 0x1.22b996p+0f, 0x1.b03ec8p-1f, 0x1.759f52p+0f, 0x1.5f0d02p-3f, 0x1.ecd344p-3f, 0x1.01aa1ep-3f, -0x1.63a288p-5f, 0x1.12ba18p-1f, 0x1.381b6ep+1f, -0x1.6b88e2p-1f, 0x1.165fep-1f, -0x1.e77bbap+0f, 0x1.213b98p-1f, -0x1.c477a8p-2f, 0x1.92fa12p-4f, -0x1.37355cp-3f, -0x1.d19804p+0f, -0x1.058c8p+0f, 0x1.cd4dep-1f, -0x1.cc8e4cp-1f, 0x1.0081a2p-2f, -0x1.0072e6p-1f, -0x1.4cf9bcp-1f, -0x1.9087d8p-3f, 0x1.7da584p-1f, -0x1.c2b596p-3f, 0x1.0a9ed6p-4f, -0x1.21c36ap-1f, 0x1.5af4e2p+0f, -0x1.6db954p-4f, 0x1.0b740ep-2f, 0x1.0e738cp-1f, 0x1.e44c22p-1f, -0x1.f58472p-1f};
    private static final float[] B = {0x1.a40a64p-6f, 0x1.b021ep+0f, 0x1.0842e8p+1f, 0x1.7ebfa6p-2f, 0x1.d0a18cp-1f, -0x1.262c2cp+0f, 0x1.e0a6f8p-2f, 0x1.af5d72p-2f, -0x1.f28356p-1f, 0x1.e193ccp-1f, -0x1.85fcb4p+0f, -0x1.421994p+0f, -0x1.9aa634p-2f, 0x1.227262p-1f, -0x1.288918p+1f, 0x1.2d611ap-2f, -0x1.a94ccep-6f, -0x1.5dd28cp-2f, 0x1.12bed4p+0f, 0x1.5d201ep+0f, 0x1.05ccfep-2f, -0x1.c0ef32p-2f, -0x1.759b34p-2f, -0x1.df6e1cp-1f, -0x1.c39f98p-1f, 0x1.c11212p-3f, -0x1.206d42p-1f, -0x1.637e04p-1f, -0x1.1eeff8p+0f, 0x1.4ce6f6p-3f, -0x1.a46254p-2f, 0x1.a3582cp-2f, -0x1.f95276p-3f, -0x1.d3f094p-1f, 0x1.9277d8p+0f, -0x1.0be914p+1f, -0x1.cfde0ep-2f};
    private static final float[] S = {1.0f, 0.5f, 0.1f};

    private static void check(String name, Hyperparameters h, float[] expected) {
        Parameter p = new Parameter("weight", Tensor.of(W0.clone(), W0.length));
        Optimizer opt = Registry.get().optimizer(name, List.of(p), h);
        float[] w = p.value().data();
        float[] g = p.gradient().data();
        for (float s : S) {
            for (int j = 0; j < w.length; j++) {
                g[j] = w[j] * C[j] - B[j] * s;
            }
            opt.step();
        }
        assertArrayEquals(expected, w, 0f, name + " " + h);
    }

    @Test
    void everyOptimizerMatchesPyTorchBitForBit() {
        check("sgd", Hyperparameters.of("lr", 0.1, "momentum", 0.9, "nesterov", true, "weightDecay", 0.01),
                new float[] {-0x1.6552cep+1f, 0x1.fca9a2p-1f, 0x1.3da27ep+0f, 0x1.5e0ac8p-6f, 0x1.e8f73cp-2f, -0x1.a436eep-2f, 0x1.84636ap-1f, -0x1.78934ap-1f, -0x1.7591cep-2f, -0x1.77045p+0f, 0x1.4c2cb4p-1f, -0x1.0a6094p-2f, 0x1.47d3e8p-1f, -0x1.2312d2p-2f, -0x1.58dd42p+1f, 0x1.279a3ep-1f, 0x1.3e9914p-3f, -0x1.147466p+1f, 0x1.eefa4cp-1f, 0x1.1daf62p+1f, 0x1.e74032p+1f, -0x1.ab5ed2p-2f, -0x1.dd81b6p+0f, 0x1.25359ap-1f, -0x1.cc940ap-2f, -0x1.9d2066p-1f, -0x1.c6de46p-1f, -0x1.505feap-5f, -0x1.037feap+0f, 0x1.8174fep-6f, 0x1.6eef38p-3f, 0x1.b7afdep-4f, 0x1.9fb69p-3f, -0x1.280976p+0f, 0x1.6fd88p-4f, -0x1.016aep-2f, 0x1.6d5c7cp+2f});
        check("sgd", Hyperparameters.of("lr", 0.1, "momentum", 0.9, "dampening", 0.1, "weightDecay", 0.01),
                new float[] {-0x1.132338p+1f, 0x1.4f7c4cp-1f, 0x1.6bdee6p+0f, -0x1.625256p-4f, 0x1.daa9fcp-2f, -0x1.c00c4ep-2f, 0x1.76cbeep-1f, -0x1.b5caa4p-1f, -0x1.efdcf2p-3f, -0x1.933abep+0f, 0x1.0cb404p+0f, -0x1.587cc4p-2f, 0x1.2da27ep-1f, -0x1.c64f56p-2f, -0x1.b13844p+0f, 0x1.4c6836p-1f, 0x1.251658p-3f, -0x1.16f926p+1f, 0x1.97b72ap-1f, 0x1.780a22p+0f, 0x1.855074p+1f, -0x1.0119f2p-1f, -0x1.7f77fp+0f, 0x1.849726p-1f, -0x1.3376bep-2f, -0x1.70abb4p-1f, -0x1.8dcad4p-1f, 0x1.71a7ccp-4f, -0x1.a526a4p-1f, 0x1.c8222cp-10f, 0x1.9f8a3cp-3f, 0x1.6e4c7ap-5f, 0x1.d8278p-3f, -0x1.1dea3cp+0f, -0x1.5ad342p-3f, 0x1.41becp-3f, 0x1.2b817ep+2f});
        check("adam", Hyperparameters.of("lr", 0.01, "amsgrad", true, "weightDecay", 0.01, "betas", new double[] {0.9, 0.5}),
                new float[] {-0x1.419386p+0f, 0x1.0cb26cp-6f, 0x1.8b741p+0f, -0x1.be089p-2f, 0x1.34a5acp-2f, -0x1.201c5p-2f, 0x1.4a745p-1f, -0x1.2063b4p+0f, 0x1.75e4ccp-4f, -0x1.dc8c1p+0f, 0x1.1381dcp+1f, -0x1.b26c42p-3f, 0x1.134ec8p-1f, -0x1.b85122p-1f, -0x1.59c7f8p-2f, 0x1.7e6684p-1f, 0x1.3641e4p-3f, -0x1.181c7ap+1f, 0x1.959bacp-2f, 0x1.c65e3ep-2f, 0x1.e310dp+0f, -0x1.3eb80cp-1f, -0x1.daca88p-1f, 0x1.3c38e6p+0f, 0x1.45a3dp-8f, -0x1.3ddc6p-1f, -0x1.15c73p-1f, 0x1.f82b6p-2f, -0x1.8e4b6p-2f, -0x1.145da2p-5f, 0x1.0652f2p-2f, -0x1.af541ap-3f, 0x1.228a8cp-2f, -0x1.e381bap-1f, -0x1.e7df88p-1f, 0x1.9206f6p+0f, 0x1.93b6bap+1f});
        check("adamw", Hyperparameters.of("lr", 0.01),
                new float[] {-0x1.41813ep+0f, 0x1.2382bap-6f, 0x1.8b1c32p+0f, -0x1.be82cp-2f, 0x1.365df2p-2f, -0x1.21a266p-2f, 0x1.4b5f12p-1f, -0x1.207156p+0f, 0x1.70302ep-4f, -0x1.dc0c3ap+0f, 0x1.1380e6p+1f, -0x1.b5133ap-3f, 0x1.149c66p-1f, -0x1.b87f48p-1f, -0x1.5a43p-2f, 0x1.7d3888p-1f, 0x1.39f3d8p-3f, -0x1.1862dcp+1f, 0x1.96ccd4p-2f, 0x1.c5e478p-2f, 0x1.e2d72cp+0f, -0x1.3d6f6ep-1f, -0x1.da5228p-1f, 0x1.3c0b64p+0f, 0x1.d01bp-9f, -0x1.3ec4a2p-1f, -0x1.1628ep-1f, 0x1.f835bap-2f, -0x1.8f6c7p-2f, -0x1.094794p-5f, 0x1.04e3f2p-2f, -0x1.b05728p-3f, 0x1.20e6fp-2f, -0x1.e45748p-1f, -0x1.e78694p-1f, 0x1.921054p+0f, 0x1.93a6acp+1f});
        check("rmsprop", Hyperparameters.of("lr", 0.01, "centered", true, "momentum", 0.9, "weightDecay", 0.01),
                new float[] {-0x1.b4ab1ap+0f, 0x1.7e7e9cp-2f, 0x1.908142p+0f, -0x1.ef0d9p-5f, 0x1.16cf0cp-1f, -0x1.f0a168p-2f, 0x1.d7a366p-1f, -0x1.7df8cap-1f, -0x1.fc0636p-3f, -0x1.8748ep+0f, 0x1.c3b608p+0f, -0x1.7dbe6ap-2f, 0x1.158066p-1f, -0x1.e96eb8p-2f, -0x1.72e1fap-1f, 0x1.153b2cp-2f, 0x1.563dap-1f, -0x1.20a016p+1f, 0x1.7f433cp-1f, 0x1.b2fe68p-1f, 0x1.297b66p+1f, -0x1.1d7c7ep-3f, -0x1.5b4d2p+0f, 0x1.bbd092p-1f, -0x1.6a2898p-2f, -0x1.1f3f9ep+0f, -0x1.d313dp-1f, 0x1.03c3e6p-3f, -0x1.7d931ap-1f, 0x1.2f443ap-2f, -0x1.36b52p-4f, 0x1.06c7dap-3f, -0x1.c3d962p-5f, -0x1.36e8b4p+0f, -0x1.2c8d66p-1f, 0x1.2f9cd2p+0f, 0x1.cd8ffp+1f});
        check("rmsprop", Hyperparameters.of("lr", 0.01),
                new float[] {-0x1.7648f6p+0f, 0x1.3a00e2p-3f, 0x1.78ca1ap+0f, -0x1.1a918cp-2f, 0x1.75b3f8p-2f, -0x1.4680d6p-2f, 0x1.7642dcp-1f, -0x1.efd2d8p-1f, -0x1.26fa8ap-5f, -0x1.be252ep+0f, 0x1.fd3ef4p+0f, -0x1.ca88eep-3f, 0x1.4223e6p-1f, -0x1.66221ap-1f, -0x1.fc34fcp-2f, 0x1.07519cp-1f, 0x1.9bfa96p-2f, -0x1.149c7cp+1f, 0x1.106458p-1f, 0x1.3b76ccp-1f, 0x1.0ace7p+1f, -0x1.89233ep-2f, -0x1.1e3cf8p+0f, 0x1.162944p+0f, -0x1.0f8744p-3f, -0x1.b9710ep-1f, -0x1.61c564p-1f, 0x1.5eed0cp-2f, -0x1.0e0a42p-1f, 0x1.6d9758p-4f, 0x1.35f33p-3f, -0x1.2afed8p-4f, 0x1.49a8dcp-3f, -0x1.0633f8p+0f, -0x1.9c65f8p-1f, 0x1.68cbd6p+0f, 0x1.ae6a7ap+1f});
        check("adagrad", Hyperparameters.of("lr", 0.1, "lrDecay", 0.1, "initialAccumulatorValue", 0.1, "weightDecay", 0.01),
                new float[] {-0x1.71058ap+0f, 0x1.25bap-3f, 0x1.7b13aep+0f, -0x1.2d6fbep-2f, 0x1.71f2cep-2f, -0x1.4a0d6ep-2f, 0x1.68628ap-1f, -0x1.fb9a0ep-1f, -0x1.864814p-6f, -0x1.c0bdd8p+0f, 0x1.002f18p+1f, -0x1.dc6284p-3f, 0x1.422b4cp-1f, -0x1.6eca7cp-1f, -0x1.f020e8p-2f, 0x1.3ee382p-1f, 0x1.47f176p-3f, -0x1.135638p+1f, 0x1.09cd72p-1f, 0x1.33d692p-1f, 0x1.087c16p+1f, -0x1.f1e6fap-2f, -0x1.18c95p+0f, 0x1.197ccp+0f, -0x1.dab828p-4f, -0x1.81b07cp-1f, -0x1.55023p-1f, 0x1.6e06bcp-2f, -0x1.0787e4p-1f, 0x1.6a9bbcp-7f, 0x1.a94a76p-3f, -0x1.7188fcp-4f, 0x1.ced1fcp-3f, -0x1.03b1dep+0f, -0x1.a1ad1ap-1f, 0x1.6bc0fap+0f, 0x1.ac016ep+1f});
    }
}
