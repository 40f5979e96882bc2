package eg3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.parity.Parity;
import eg3d.parity.TrainStepReplay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d parity}: replay a reference fixture and compare every key. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Replay an official fixture directory (config.json, weights.npz, io.npz, io_nrr*.npz, shape.npz)",
            "and print one JSON line per compared key with its max abs error, then a verdict line.",
            "Exits 1 when a key is out of tolerance or a final output is missing.",
            "Where the fixture records a training step (train_step.npz/.json), it is replayed too: both runs, both",
            "modes, every phase; its keys count in the verdict.",
            "Example: ./eg3d parity --fixture ../shared/fixtures/official/tiny"})
final class ParityCommand implements Callable<Integer> {
    @Option(names = "--fixture", required = true, paramLabel = "DIR", description = "fixture directory")
    Path fixture;

    @Option(names = "--network", paramLabel = "FILE", description = "weights to use instead of DIR/weights.npz: an official .pkl or a native checkpoint")
    Path network;

    @Option(names = "--train-step", description = {"require the training-step replay (losses, named gradients, post-Adam",
        "values, the EMA update): an error when the fixture records none"})
    boolean requireTrainStep;

    @Option(names = "--no-train-step", description = "skip the training-step replay (about half a minute on a CPU for tiny)")
    boolean skipTrainStep;

    @Override
    public Integer call() {
        if (requireTrainStep && skipTrainStep) {
            throw new IllegalArgumentException("--train-step and --no-train-step contradict each other; pick one");
        }
        boolean present = TrainStepReplay.present(fixture);
        boolean trainStep = present && !skipTrainStep;
        if (requireTrainStep && !present) {
            throw new IllegalArgumentException(fixture + ": --train-step needs train_step.npz and train_step.json there;"
                    + " run without --train-step, or pick a fixture that records a training step");
        }
        ObjectMapper json = new ObjectMapper();
        java.util.function.Consumer<Parity.KeyResult> print = r -> {
            ObjectNode line = json.createObjectNode();
            line.put("file", r.file()).put("key", r.key()).put("max_abs_err", r.error())
                    .put("tolerance", r.tolerance().limit()).put("relative", r.tolerance().relative())
                    .put("pass", r.pass());
            System.out.println(line);
        };
        Parity.Report report = Parity.run(fixture, network == null ? null : NetworkFiles.parityLoader(network), print);
        List<Parity.KeyResult> all = new ArrayList<>(report.results());
        if (trainStep) {
            all.addAll(TrainStepReplay.run(fixture, print));
        }
        long failed = all.stream().filter(r -> !r.pass()).count();
        boolean passed = failed == 0 && report.missingFinal().isEmpty();
        ObjectNode verdict = json.createObjectNode();
        verdict.put("verdict", passed ? "PASS" : "FAIL");
        verdict.put("compared", all.size());
        verdict.put("failed", failed);
        if (trainStep) {
            verdict.put("train_step_compared", all.size() - report.results().size());
        }
        report.skipped().forEach(verdict.putArray("skipped")::add);
        report.missingFinal().forEach(verdict.putArray("missing_final_outputs")::add);
        if (skipTrainStep && present) {
            verdict.put("note", "the recorded training step was skipped (--no-train-step)");
        }
        System.out.println(verdict);
        return passed ? 0 : 1;
    }
}
