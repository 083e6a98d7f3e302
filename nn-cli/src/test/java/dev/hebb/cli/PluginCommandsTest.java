package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn plugins} and {@code nn check-plugin}, with built-ins and a third-party jar built by the test. */
class PluginCommandsTest {

    @TempDir
    static Path temp;

    /** A folder with the correct bent_identity plugin jar, and one with the broken_bent jar (compiled once). */
    private static Path good;
    private static Path broken;
    private static Path goodJar;

    @BeforeAll
    static void buildPluginJars() {
        goodJar = PluginJars.activationJar(temp.resolve("good"), "bent.jar", PluginJars.bentIdentity("bent_identity", false));
        good = goodJar.getParent();
        broken = PluginJars.activationJar(temp.resolve("broken"), "broken.jar", PluginJars.bentIdentity("broken_bent", true))
                .getParent();
    }

    @Test
    void pluginsListsBuiltInsWithHyperparametersDefaultsAndSource() {
        Nn.Run run = Nn.run("plugins");
        assertEquals(0, run.code(), run.toString());
        for (String section : new String[] {"activations (", "losses (", "optimizers (", "layers (", "schedules ("}) {
            assertTrue(run.out().contains(section), run.toString());
        }
        // dense is a built-in layer of nn-core: its bias flag defaults to true.
        assertTrue(run.out().matches("(?s).*\n  dense  .*\n      bias +boolean +\\= true .*"), run.out());
        assertTrue(run.out().matches("(?s).*\n      units +integer +\\(required\\).*"), run.out());
        assertTrue(run.out().contains("      from "), run.out());
        // The columns line up within a section, however long a name or a default.
        String schedules = run.out().substring(run.out().indexOf("schedules ("));
        String gamma = schedules.lines().filter(l -> l.contains("factor applied at every decay")).findFirst().orElseThrow();
        String start = schedules.lines().filter(l -> l.contains("= 0.3333333333333333")).findFirst().orElseThrow();
        assertEquals(start.indexOf("fraction of"), gamma.indexOf("factor applied"), schedules);
        assertEquals(start.indexOf("= 0.33"), gamma.indexOf("= 0.1"), schedules);
    }

    @Test
    void pluginsListsAJarFromThePluginFolderWithItsPath() {
        Nn.Run run = Nn.run("plugins", "--plugins", good.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("  bent_identity  f(x) = (sqrt(x^2 + 1) - 1) / 2 + x\n      from " + goodJar + "\n"),
                run.out());
    }

    @Test
    void aFileThatIsNotAJarInThePluginFolderIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("x.jar"), "not a jar");
        Nn.Run run = Nn.run("plugins", "--plugins", dir.toString());
        assertEquals(new Nn.Run(1, "", "nn: " + bad + " in the plugin folder (from --plugins or NN_PLUGINS) is not a valid"
                + " jar\n"), run);
    }

    @Test
    void aThirdPartyActivationPassesTheContract() {
        Nn.Run run = Nn.run("check-plugin", "bent_identity", "--plugins", good.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("activation bent_identity (thirdparty.BentIdentity from " + goodJar + ")\n"), run.out());
        assertTrue(run.out().contains("  PASS  gradient check on [-5, 5]: max relative error "), run.out());
        assertTrue(run.out().contains("  PASS  finite on extreme inputs"), run.out());
        assertTrue(run.out().endsWith("8 of 8 checks passed\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void theBuiltInDropoutLayerPassesTheContractIncludingTheGradientCheck() {
        Nn.Run run = Nn.run("check-plugin", "dropout", "-H", "p=0.3");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("layer dropout (dev.hebb.layer.DropoutProvider"), run.out());
        assertTrue(run.out().contains("  PASS  gradient check on [-5, 5]: max relative error "), run.out());
        assertTrue(run.out().contains("  PASS  an inference pass leaves the buffers unchanged: 2 buffers unchanged"),
                run.out());
        assertEquals("", run.err());
    }

    @Test
    void aWrongDerivativeFailsWithExitCodeOne() {
        Nn.Run run = Nn.run("check-plugin", "broken_bent", "--plugins", broken.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("  FAIL  gradient check on [-5, 5]: max relative error"), run.out());
        assertTrue(run.out().endsWith("7 of 8 checks passed\n"), run.out());
        assertEquals("nn: broken_bent fails 1 of 8 contract checks (see the FAIL lines above)\n", run.err());
    }

    @Test
    void anUnknownPluginNameIsAFailureListingTheKnownNames() {
        Nn.Run run = Nn.run("check-plugin", "bent_identiy", "--plugins", good.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("nn: no activation, loss, optimizer, schedule or layer is named 'bent_identiy'; did you mean"
                + " 'bent_identity'? activations: "),
                run.err());
        assertTrue(run.err().contains("bent_identity"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void anUnknownNameOfAGivenKindGetsASuggestion() {
        Nn.Run run = Nn.run("check-plugin", "--kind", "activation", "bent_identiy", "--plugins", good.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("nn: unknown activation 'bent_identiy'; did you mean 'bent_identity'?"), run.err());
    }

    @Test
    void aMistakeInTheHyperparametersIsAUsageErrorNotAContractFailure() {
        Nn.Run run = Nn.run("check-plugin", "bent_identity", "-H", "slope=2", "--plugins", good.toString());
        assertEquals(new Nn.Run(2, "", "nn check-plugin: -H: bent_identity has no hyperparameter 'slope'; it takes none"
                + " (see 'nn check-plugin --help')\n"), run);
        Nn.Run typo = Nn.run("check-plugin", "leaky_relu", "-H", "slope=0.1");
        assertEquals(new Nn.Run(2, "", "nn check-plugin: -H: leaky_relu has no hyperparameter 'slope';"
                + " known: negativeSlope (see 'nn check-plugin --help')\n"), typo);
        Nn.Run value = Nn.run("check-plugin", "leaky_relu", "-H", "negativeSlope=abc");
        assertEquals(2, value.code(), value.toString());
        assertEquals("", value.out());
        assertTrue(value.err().startsWith("nn check-plugin: -H: ") && value.err().contains("'abc'"), value.err());
    }

    @Test
    void hyperparameterTextBecomesNumbersBooleansListsOrText() {
        assertEquals(java.util.Map.of("lr", 0.5, "nesterov", true, "betas", java.util.List.of(0.9, 0.99), "mode", "max"),
                CheckPluginCommand.parse(java.util.Map.of("lr", "0.5", "nesterov", "true", "betas", "0.9, 0.99",
                        "mode", "max")).asMap());
    }

    @Test
    void aThirdPartyActivationIsUsedByNameInTraining() throws java.io.IOException {
        Path csv = temp.resolve("xor.csv");
        java.nio.file.Files.writeString(csv, "a,b,label\n" + "0,0,0\n0,1,1\n1,0,1\n1,1,0\n".repeat(8));
        Path config = temp.resolve("bent.json");
        java.nio.file.Files.writeString(config, """
                {"model": {"inputs": 2, "layers": [{"type": "dense", "units": 8, "activation": "bent_identity"},
                                                   {"type": "dense", "units": 2}]},
                 "loss": {"name": "cross_entropy"}, "optimizer": {"name": "adam", "lr": 0.05},
                 "training": {"epochs": 3, "batchSize": 4, "seed": 2},
                 "data": {"train": "xor.csv", "targets": ["label"]}}
                """);
        Path out = temp.resolve("bent-run");
        Nn.Run run = Nn.run("train", config.toString(), "--out", out.toString(), "--plugins", good.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(java.nio.file.Files.readString(out.resolve("model.json")).contains("bent_identity"));
        Nn.Run without = Nn.run("inspect", out.toString());
        assertEquals(1, without.code(), "without --plugins the saved model's activation is unknown: " + without);
        assertTrue(without.err().contains("unknown activation 'bent_identity'"), without.err());
        // The file once, the place from the file's root, and which plugin to add.
        String modelJson = out.resolve("model.json").toString();
        assertEquals(without.err().indexOf(modelJson), without.err().lastIndexOf(modelJson), without.err());
        assertTrue(without.err().contains(modelJson + ": config.model.layers[1].name: unknown activation"), without.err());
        assertTrue(without.err().contains("the model was saved with the plugin activation 'bent_identity' (class "),
                without.err());
        assertTrue(without.err().contains("(nn: --plugins DIR or NN_PLUGINS)"), without.err());
        Nn.Run with = Nn.run("inspect", out.toString(), "--plugins", good.toString());
        assertTrue(with.out().contains("activation (bent_identity)"), with.toString());
    }

    @Test
    void everyBuiltInActivationLossAndOptimizerPassesCheckPlugin() {
        dev.hebb.plugin.PluginRegistry registry = dev.hebb.plugin.Plugins.registry(getClass().getClassLoader());
        java.util.List<String> failed = new java.util.ArrayList<>();
        java.util.Map<String, java.util.Set<String>> kinds = java.util.Map.of("activation", registry.activations().keySet(),
                "loss", registry.losses().keySet(), "optimizer", registry.optimizers().keySet());
        kinds.forEach((kind, names) -> names.forEach(name -> {
            Nn.Run run = Nn.run("check-plugin", "--kind", kind, name);
            if (run.code() != 0) {
                failed.add(run.out() + run.err());
            }
        }));
        assertTrue(kinds.values().stream().allMatch(n -> !n.isEmpty()), kinds.toString());
        assertEquals(java.util.List.of(), failed);
    }

    @Test
    void theBuiltInLayersPassCheckPluginWithWhatTheyNeed() {
        Nn.Run dense = Nn.run("check-plugin", "dense", "-H", "units=3");
        assertEquals(0, dense.code(), dense.toString());
        assertTrue(dense.out().startsWith("layer dense ("), dense.out());
        assertTrue(dense.out().contains("  PASS  parameter gradients start from zero at every step"), dense.out());
        assertTrue(dense.out().endsWith("9 of 9 checks passed\n"), dense.out());
        Nn.Run activation = Nn.run("check-plugin", "activation", "-H", "name=gelu");
        assertEquals(0, activation.code(), activation.toString());
        Nn.Run missing = Nn.run("check-plugin", "dense");
        assertEquals(2, missing.code(), "a required hyperparameter left out is a usage error: " + missing);
    }

    @Test
    void theBuiltInSchedulesPassCheckPluginWithWhatTheyNeed() {
        Nn.Run step = Nn.run("check-plugin", "step", "-H", "stepSize=3");
        assertEquals(0, step.code(), step.toString());
        assertTrue(step.out().startsWith("schedule step ("), step.out());
        assertTrue(step.out().contains("  PASS  a function of the epoch alone"), step.out());
        assertTrue(step.out().endsWith("4 of 4 checks passed\n"), step.out());
        for (String[] given : new String[][] {{"exponential", "gamma=0.9"}, {"cosine", "tMax=10"}, {"warmup", "epochs=3"}}) {
            Nn.Run run = Nn.run("check-plugin", given[0], "-H", given[1]);
            assertEquals(0, run.code(), run.toString());
        }
        Nn.Run missing = Nn.run("check-plugin", "step");
        assertEquals(2, missing.code(), "a required hyperparameter left out is a usage error: " + missing);
        assertTrue(missing.err().contains("stepSize"), missing.err());
    }
}
