package eg3d.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The tiny fixture's recorded training step: every loss, gradient, post-Adam value and EMA value in tolerance. */
class TrainStepReplayTest {
    @Test
    void tinyTrainingStepMatchesTheReference() {
        Path dir = Path.of(System.getProperty("eg3d.fixtures", "../../shared/fixtures")).resolve("official/tiny");
        Assumptions.assumeTrue(TrainStepReplay.present(dir), () -> "skipped: no train_step.npz/json in " + dir.toAbsolutePath()
                + " (pass -Deg3d.fixtures=DIR; see fixtures/README.md)");
        List<Parity.KeyResult> results = TrainStepReplay.run(dir, r -> System.out.printf("%-90s %.3g (tol %.3g) %s%n",
                r.key(), r.error(), r.tolerance().limit(), r.pass() ? "ok" : "FAIL"));
        assertTrue(results.size() > 200, "expected every run, mode and phase compared, got " + results.size());
        for (String expected : new String[] {"blur0/iso/Gmain/loss_Gmain_mean", "blur2/iso/Dreg/r1_penalty",
                "blur0/iso/Greg/grad/decoder.net.2.weight", "blur2/iso/Gmain/grad/backbone.synthesis.b4.conv1.noise_strength",
                "blur2/seq/Dreg/param_after/*", "blur2/seq/ema/*"}) {
            assertTrue(results.stream().anyMatch(r -> r.key().startsWith(expected)), "not compared: " + expected);
        }
        String failed = results.stream().filter(r -> !r.pass())
                .map(r -> r.key() + " err " + r.error() + " > " + r.tolerance().limit()).collect(Collectors.joining("\n"));
        assertTrue(failed.isEmpty(), "out of tolerance:\n" + failed);
    }
}
