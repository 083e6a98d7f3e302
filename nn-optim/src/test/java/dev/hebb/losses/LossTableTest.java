package dev.hebb.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss, reduction and option against PyTorch 1.13 on a table of cases, including extreme logits
 * (±1000), probabilities of exactly 0 and 1, and zero targets in {@code kl_div}.
 *
 * <p>Expected values are printed by {@code nn-optim/src/test/python/loss_table.py}
 * ({@code /usr/bin/python3 loss_table.py}: {@code torch.nn.functional} in float64 on the float32 inputs,
 * gradients by autograd) and pasted here. The losses accumulate in double, so values agree to 1e-9
 * relative (formulas differ only in the order of double roundings); gradients are float32 and agree to
 * 1e-6 relative (one float32 rounding of the same double).
 */
class LossTableTest {

    record Case(String loss, Hyperparameters hyperparameters, Tensor prediction, Tensor target, double value,
                float[] gradient) {
        @Override
        public String toString() {
            return loss + hyperparameters + " on " + Arrays.toString(prediction.data());
        }
    }

    private static Case row(String loss, Hyperparameters h, int[] predictionShape, float[] prediction,
                            int[] targetShape, float[] target, double value, float[] gradient) {
        return new Case(loss, h, Tensor.of(prediction, predictionShape), Tensor.of(target, targetShape), value, gradient);
    }

    static Stream<Case> cases() {
        return Stream.of(
        row("mse", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                2.4791666666666665, new float[] {-0.1666666716337204f, -0.1666666716337204f, 0.4166666567325592f, 0.0f, 0.25f, -1.1666666269302368f}),
        row("half_sse", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                1.2395833333333333, new float[] {-0.0833333358168602f, -0.0833333358168602f, 0.2083333283662796f, 0.0f, 0.125f, -0.5833333134651184f}),
        row("l1", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                1.0833333333333333, new float[] {-0.1666666716337204f, -0.1666666716337204f, 0.1666666716337204f, 0.0f, 0.1666666716337204f, -0.1666666716337204f}),
        row("cross_entropy", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {1.0f, 2.0f},
                0.37427810953066465, new float[] {0.11561194807291031f, -0.18573413789272308f, 0.07012218981981277f, 0.030889632180333138f, 0.09279758483171463f, -0.12368721514940262f}),
        row("nll", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2}, new float[] {2.0f, 0.0f},
                1.050000000745058, new float[] {0.0f, 0.0f, -0.5f, -0.5f, 0.0f, 0.0f}),
        row("hinge", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {0.0f, 2.0f},
                0.4166666666666667, new float[] {-0.3333333432674408f, 0.1666666716337204f, 0.1666666716337204f, 0.0f, 0.0f, 0.0f}),
        row("bce", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {0.20000000298023224f, 0.8999999761581421f, 0.5f, 0.009999999776482582f, 0.699999988079071f, 0.4000000059604645f},
                new int[] {2, 3}, new float[] {0.0f, 1.0f, 0.30000001192092896f, 1.0f, 0.0f, 0.5f},
                1.257392071002352, new float[] {0.2083333283662796f, -0.18518519401550293f, 0.13333332538604736f, -16.666667938232422f, 0.555555522441864f, -0.069444440305233f}),
        row("bce_with_logits", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2, 3}, new float[] {0.0f, 1.0f, 0.30000001192092896f, 1.0f, 0.0f, 0.5f},
                0.9158009901873746, new float[] {0.12184309959411621f, -0.019867153838276863f, 0.05374322086572647f, -0.0957404226064682f, 0.11499574780464172f, 0.06670825183391571f}),
        row("kl_div", Hyperparameters.of("reduction", "mean"), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                0.021421411074128854, new float[] {-0.03333333507180214f, -0.0833333358168602f, -0.05000000074505806f, -0.11666666716337204f, -0.01666666753590107f, -0.03333333507180214f}),
        row("mse", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                14.875, new float[] {-1.0f, -1.0f, 2.5f, 0.0f, 1.5f, -7.0f}),
        row("half_sse", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                7.4375, new float[] {-0.5f, -0.5f, 1.25f, 0.0f, 0.75f, -3.5f}),
        row("l1", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                6.5, new float[] {-1.0f, -1.0f, 1.0f, 0.0f, 1.0f, -1.0f}),
        row("cross_entropy", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {1.0f, 2.0f},
                0.7485562190613293, new float[] {0.23122389614582062f, -0.37146827578544617f, 0.14024437963962555f, 0.061779264360666275f, 0.18559516966342926f, -0.24737443029880524f}),
        row("nll", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2}, new float[] {2.0f, 0.0f},
                2.100000001490116, new float[] {0.0f, 0.0f, -1.0f, -1.0f, 0.0f, 0.0f}),
        row("hinge", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {0.0f, 2.0f},
                0.8333333333333334, new float[] {-0.6666666865348816f, 0.3333333432674408f, 0.3333333432674408f, 0.0f, 0.0f, 0.0f}),
        row("bce", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {0.20000000298023224f, 0.8999999761581421f, 0.5f, 0.009999999776482582f, 0.699999988079071f, 0.4000000059604645f},
                new int[] {2, 3}, new float[] {0.0f, 1.0f, 0.30000001192092896f, 1.0f, 0.0f, 0.5f},
                7.544352426014112, new float[] {1.25f, -1.1111111640930176f, 0.7999999523162842f, -100.0f, 3.3333332538604736f, -0.4166666269302368f}),
        row("bce_with_logits", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2, 3}, new float[] {0.0f, 1.0f, 0.30000001192092896f, 1.0f, 0.0f, 0.5f},
                5.494805941124247, new float[] {0.7310585975646973f, -0.11920291930437088f, 0.32245931029319763f, -0.5744425058364868f, 0.6899744868278503f, 0.40024951100349426f}),
        row("kl_div", Hyperparameters.of("reduction", "sum"), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                0.12852846644477312, new float[] {-0.20000000298023224f, -0.5f, -0.30000001192092896f, -0.699999988079071f, -0.10000000149011612f, -0.20000000298023224f}),
        row("l1", Hyperparameters.of(), new int[] {1, 2}, new float[] {1.0f, 2.0f},
                new int[] {1, 2}, new float[] {1.0f, 3.0f},
                0.5, new float[] {0.0f, -0.5f}),
        row("huber", Hyperparameters.of(), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                0.7135416666666666, new float[] {-0.0833333358168602f, -0.0833333358168602f, 0.1666666716337204f, 0.0f, 0.125f, -0.1666666716337204f}),
        row("huber", Hyperparameters.of("delta", 0.5), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                0.4375, new float[] {-0.0833333358168602f, -0.0833333358168602f, 0.0833333358168602f, 0.0f, 0.0833333358168602f, -0.0833333358168602f}),
        row("smooth_l1", Hyperparameters.of(), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                0.7135416666666666, new float[] {-0.0833333358168602f, -0.0833333358168602f, 0.1666666716337204f, 0.0f, 0.125f, -0.1666666716337204f}),
        row("smooth_l1", Hyperparameters.of("beta", 0.5), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                0.875, new float[] {-0.1666666716337204f, -0.1666666716337204f, 0.1666666716337204f, 0.0f, 0.1666666716337204f, -0.1666666716337204f}),
        row("smooth_l1", Hyperparameters.of("beta", 0.0), new int[] {2, 3}, new float[] {0.5f, -1.5f, 2.0f, 0.25f, 0.25f, -3.0f},
                new int[] {2, 3}, new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f},
                1.0833333333333333, new float[] {-0.1666666716337204f, -0.1666666716337204f, 0.1666666716337204f, -0.1666666716337204f, 0.1666666716337204f, -0.1666666716337204f}),
        row("cross_entropy", Hyperparameters.of(), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                1.6442781311542987, new float[] {0.015611949376761913f, 0.06426586210727692f, -0.0798778161406517f, -0.31911036372184753f, 0.04279758408665657f, 0.27631276845932007f}),
        row("cross_entropy", Hyperparameters.of("labelSmoothing", 0.1), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {1.0f, 2.0f},
                0.4809447777867885, new float[] {0.09894528239965439f, -0.15240080654621124f, 0.053455524146556854f, 0.014222965575754642f, 0.07613091915845871f, -0.09035388380289078f}),
        row("cross_entropy", Hyperparameters.of("labelSmoothing", 0.2), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                1.6036114633418195, new float[] {0.0022786157205700874f, 0.08093252778053284f, -0.08321114629507065f, -0.28244370222091675f, 0.01946425251662731f, 0.2629794478416443f}),
        row("cross_entropy", Hyperparameters.of(), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2}, new float[] {0.0f, 2.0f},
                500.0, new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.5f, -0.5f}),
        row("cross_entropy", Hyperparameters.of(), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                1449.9999955296516, new float[] {0.4000000059604645f, -0.25f, -0.15000000596046448f, -0.3499999940395355f, 0.44999998807907104f, -0.10000000149011612f}),
        row("cross_entropy", Hyperparameters.of("labelSmoothing", 0.1), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2}, new float[] {2.0f, 1.0f},
                550.0, new float[] {0.4833333194255829f, -0.01666666753590107f, -0.46666666865348816f, -0.01666666753590107f, 0.03333333507180214f, -0.01666666753590107f}),
        row("nll", Hyperparameters.of(), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2}, new float[] {1.0f, 0.0f},
                1000.0, new float[] {0.0f, -0.5f, 0.0f, -0.5f, 0.0f, 0.0f}),
        row("hinge", Hyperparameters.of("p", 2), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {0.0f, 2.0f},
                0.7083333333333334, new float[] {-0.8333333134651184f, 0.6666666865348816f, 0.1666666716337204f, 0.0f, 0.0f, 0.0f}),
        row("hinge", Hyperparameters.of("margin", 0.5), new int[] {2, 3}, new float[] {1.0f, 2.0f, 0.5f, -0.30000001192092896f, 0.800000011920929f, 2.200000047683716f},
                new int[] {2}, new float[] {1.0f, 1.0f},
                0.31666667262713116, new float[] {0.0f, 0.0f, 0.0f, 0.0f, -0.1666666716337204f, 0.1666666716337204f}),
        row("hinge", Hyperparameters.of(), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2}, new float[] {0.0f, 2.0f},
                166.83333333333334, new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.1666666716337204f, -0.1666666716337204f}),
        row("bce", Hyperparameters.of(), new int[] {2, 3}, new float[] {0.0f, 1.0f, 1.0f, 0.0f, 0.5f, 1.0000000031710769e-30f},
                new int[] {2, 3}, new float[] {0.0f, 1.0f, 0.0f, 1.0f, 0.5f, 1.0f},
                44.961783327868375, new float[] {0.0f, 0.0f, 166666665984.0f, -166666665984.0f, 0.0f, -166666665984.0f}),
        row("bce_with_logits", Hyperparameters.of(), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2, 3}, new float[] {1.0f, 0.0f, 0.5f, 0.0f, 1.0f, 1.0f},
                0.23104906018664842, new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, -0.0833333358168602f}),
        row("kl_div", Hyperparameters.of("reduction", "batchmean"), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                0.06426423322238656, new float[] {-0.10000000149011612f, -0.25f, -0.15000000596046448f, -0.3499999940395355f, -0.05000000074505806f, -0.10000000149011612f}),
        row("kl_div", Hyperparameters.of(), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2, 3}, new float[] {0.0f, 0.5f, 0.5f, 1.0f, 0.0f, 0.0f},
                0.10947547015502845, new float[] {-0.0f, -0.0833333358168602f, -0.0833333358168602f, -0.1666666716337204f, -0.0f, -0.0f}),
        row("kl_div", Hyperparameters.of("logTarget", true), new int[] {2, 3}, new float[] {-1.2000000476837158f, -0.5f, -2.0f, -0.10000000149011612f, -3.0f, -2.5f},
                new int[] {2, 3}, new float[] {-1.5f, -0.4000000059604645f, -2.0f, -0.20000000298023224f, -2.0f, -3.0f},
                0.0047769392621048136, new float[] {-0.03718835860490799f, -0.111720010638237f, -0.0225558802485466f, -0.13645511865615845f, -0.0225558802485466f, -0.008297844789922237f}),
        row("kl_div", Hyperparameters.of(), new int[] {2, 3}, new float[] {1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f},
                new int[] {2, 3}, new float[] {0.20000000298023224f, 0.5f, 0.30000001192092896f, 0.699999988079071f, 0.10000000149011612f, 0.20000000298023224f},
                149.69475200440678, new float[] {-0.03333333507180214f, -0.0833333358168602f, -0.05000000074505806f, -0.11666666716337204f, -0.01666666753590107f, -0.03333333507180214f}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Case c) {
        Loss loss = Registry.get().loss(c.loss(), c.hyperparameters());
        Tensor gradient = Tensor.full(Float.NaN, c.prediction().shape()); // must be overwritten, not accumulated
        double value = loss.valueAndGradient(c.prediction(), c.target(), gradient);
        assertTrue(Double.isFinite(value), "value is finite");
        assertEquals(c.value(), value, 1e-9 * Math.max(1, Math.abs(c.value())), "value");
        assertEquals(value, loss.value(c.prediction(), c.target()), 0.0, "value alone equals value with gradient");
        float[] g = gradient.data();
        for (int i = 0; i < g.length; i++) {
            assertEquals(c.gradient()[i], g[i], 1e-6 * Math.max(1, Math.abs(c.gradient()[i])), "gradient[" + i + "]");
        }
        Tensor separate = Tensor.zeros(c.prediction().shape());
        loss.gradient(c.prediction(), c.target(), separate);
        assertTrue(Arrays.equals(g, separate.data()), "gradient alone equals gradient with value");
    }
}
