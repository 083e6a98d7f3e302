package dev.hebb.cli;

import dev.hebb.io.checkpoint.ModelDirectory;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.io.config.TrainingSpec;
import dev.hebb.io.run.TrainingRun;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.train.EarlyStopping;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.Evaluation;
import dev.hebb.train.NonFiniteLossException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nn train}: trains as a JSON run config says, writing a resumable model directory plus
 * {@code metrics.csv} and {@code loss.png}. A checkpoint is saved before the first batch and after every
 * epoch, so an interrupted or diverging run always leaves the last good state behind.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train the model a JSON run config describes. Writes the model directory (model.json,"
                + " weights.safetensors, optimizer.safetensors), metrics.csv and loss.png to the output folder,"
                + " checkpointing after every epoch. Ctrl-C stops after the current batch, keeping the last"
                + " checkpoint; continue with --resume."})
final class TrainCommand implements Callable<Integer> {

    /** The exit code of a run stopped by Ctrl-C, as a shell reports a SIGINT. */
    static final int INTERRUPTED = 130;

    @ParentCommand
    private NnCommand nn;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CONFIG.json", arity = "0..1",
            description = "The run config (model, loss, optimizer, training, data). Not needed with --resume.")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The output folder. Default: runs/<config name>-<date-time>; with --resume, the resumed folder.")
    private Path out;

    @Option(names = "--init", paramLabel = "WEIGHTS.safetensors",
            description = "Start from these weights (e.g. exported from PyTorch's state_dict) instead of the seeded initialisation.")
    private Path init;

    @Option(names = "--epochs", paramLabel = "N", description = "Train this many epochs instead of the config's.")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "S",
            description = "Use this seed (initialisation, shuffling, validation split) instead of the config's.")
    private Long seed;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose checkpoint is in DIR, bitwise as if it had never stopped.")
    private Path resume;

    @Override
    public Integer call() throws IOException {
        checkArguments();
        PluginRegistry registry = nn.registry();
        PrintWriter stdout = nn.out();
        TrainingRun run;
        Path dir;
        if (resume != null) {
            run = TrainingRun.resume(ModelInputs.modelDir(resume), registry);
            dir = out != null ? out : resume;
        } else {
            if (Files.isDirectory(config)) {
                // Reading it failed with "I/O error: Is a directory", naming nothing.
                throw new CliException(config + " is a folder, not a config file; give a run config (a .json file)");
            }
            RunConfig cfg = ConfigReader.read(config);
            TrainingSpec t = cfg.training();
            if (epochs != null || seed != null) {
                cfg = cfg.withTraining(t.withEpochs(epochs != null ? epochs : t.epochs()).withSeed(seed != null ? seed : t.seed()));
            }
            run = TrainingRun.start(cfg, registry);
            if (init != null) {
                run.loadInitialWeights(init);
            }
            dir = out != null ? out : createDefaultOut(config, Path.of("runs"), LocalDateTime.now());
            if (Files.exists(dir.resolve(ModelDirectory.MODEL_JSON))) {
                throw new CliException(dir + " already holds a model; choose another --out, or continue it with --resume "
                        + dir);
            }
            // The starting point: even a first epoch that diverges or is interrupted leaves a checkpoint.
            try {
                run.saveCheckpoint(dir, run.start());
            } catch (IOException e) {
                throw CliException.cannotWrite(out != null ? "--out" : "the run folder", dir, e);
            }
        }
        int totalEpochs = run.config().training().epochs();
        if (run.start().epoch() >= totalEpochs) {
            throw new CliException(dir + " has already trained all " + totalEpochs + " epochs of its config");
        }
        // A run resumed into another folder continues the checkpoint's metrics, not an empty file.
        MetricsLog log = MetricsLog.open(dir, resume != null ? resume : dir, run.start().epoch()).warnTo(nn.err());
        ProgressOutput progress = new ProgressOutput(stdout, System.console() != null, nn.quiet(), totalEpochs);
        List<EpochMetrics> history;
        try (Interruption interruption = nn.interruptions().open(nn.err())) {
            try {
                // The metrics row before the checkpoint: a kill between the two leaves a row the resumed run
                // drops and writes again, where the other order left an epoch missing from metrics.csv for good.
                history = run.fit(log, run.checkpointsTo(dir), progress, interruption);
            } catch (NonFiniteLossException e) {
                progress.abandon();
                // Loaded weights are checked to be finite, so weights that are not were made so by a step.
                String weights = e.nonFiniteParameters() == 0 ? ""
                        : " (" + e.nonFiniteParameters() + " weights had become NaN or infinite)";
                throw new CliException("loss became " + (Double.isNaN(e.loss()) ? "NaN" : e.loss() > 0 ? "+infinity" : "-infinity")
                        + " at epoch " + (e.epoch() + 1) + ", batch " + (e.batch() + 1) + weights
                        + "; last good checkpoint kept in " + dir + " (epoch " + log.lastEpoch()
                        + "); try a lower learning rate or clipGradNorm", e);
            }
            if (interruption.stopRequested()) {
                progress.abandon();
                nn.err().println("nn: interrupted; checkpoint of epoch " + log.lastEpoch() + " saved in " + dir
                        + "; continue with: nn train --resume " + dir);
                nn.err().flush();
                return INTERRUPTED;
            }
        }
        if (run.test() != null) {
            Evaluation test = run.trainer().evaluate(run.test());
            stdout.println("test: loss " + ProgressOutput.number(test.loss())
                    + (test.accuracy().isPresent() ? ", accuracy " + ProgressOutput.percent(test.accuracy().getAsDouble()) : "")
                    + " on " + test.samples() + " samples");
        }
        EarlyStopping stopping = run.earlyStopping();
        if (stopping != null && (stopping.stopRequested() || stopping.weightsRestored())) {
            stdout.println(earlyStoppingOutcome(stopping, run.validation() != null ? "validation" : "training",
                    run.start().epoch() + history.size()));
        }
        stdout.println((history.isEmpty() ? "nothing to train; " : "") + "model saved in " + dir);
        stdout.flush();
        return 0;
    }

    /**
     * What early stopping did and, always, which epoch's weights the saved model holds: "since epoch N" alone reads as
     * if the model saved were epoch N's, which it is only with restoreBest (Keras' default keeps the last epoch's).
     *
     * @param lastEpoch the last epoch trained, counting from 1
     */
    static String earlyStoppingOutcome(EarlyStopping stopping, String monitored, int lastEpoch) {
        int best = stopping.bestEpoch() + 1;
        String loss = " (" + ProgressOutput.number(stopping.bestLoss()) + ")";
        String what = stopping.stopRequested()
                ? "stopped early: the " + monitored + " loss has not improved for " + stopping.patience() + " epochs since"
                + " epoch " + best + loss
                : "trained every epoch: the " + monitored + " loss was lowest at epoch " + best + loss;
        if (!stopping.weightsRestored()) {
            return what + "; the model saved holds the weights of the last epoch, " + lastEpoch + ", not of epoch " + best;
        }
        return what + "; the model saved holds the weights of epoch " + best + ", the best (restoreBest)"
                + (best == lastEpoch ? ", which is also the last" : ", not of the last epoch, " + lastEpoch);
    }

    private void checkArguments() {
        if (resume == null && config == null) {
            throw new ParameterException(spec.commandLine(),
                    "give a run config (nn train CONFIG.json) or a checkpoint to continue (nn train --resume DIR)");
        }
        if (resume != null && (config != null || init != null || epochs != null || seed != null)) {
            throw new ParameterException(spec.commandLine(),
                    "--resume continues a run exactly as its checkpoint's config says; it takes no CONFIG.json, --init,"
                            + " --epochs or --seed");
        }
        if (epochs != null && epochs < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--epochs must be at least 1, got " + epochs);
        }
    }

    /**
     * Creates and returns the new, empty folder {@code <runs>/<config name without .json>-<yyyyMMdd-HHmmss>},
     * or, when another run already has it (runs started in the same second, e.g. a seed sweep), the same
     * name with {@code -2}, {@code -3}, … appended.
     */
    static Path createDefaultOut(Path config, Path runs, LocalDateTime time) throws IOException {
        String name = config.getFileName().toString().replaceFirst("(?i)\\.json$", "") + "-"
                + time.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(runs);
        for (int i = 1; ; i++) {
            Path dir = runs.resolve(i == 1 ? name : name + "-" + i);
            try {
                // Atomic: of two runs asking for the same folder, exactly one creates it, so they never share one.
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
    }
}
