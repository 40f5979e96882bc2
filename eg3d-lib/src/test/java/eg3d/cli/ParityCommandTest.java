package eg3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./eg3d parity}: a fixture's recorded training step is replayed by default and counts in the
 * verdict; {@code --train-step} on a fixture without one is a clear refusal, not a silent pass.
 */
class ParityCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainStepWithoutRecordingNamesTheMissingFiles() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        String[] r = MetricsCommandsTest.run("parity", "--fixture", dir.toString(), "--train-step");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains(dir + ": --train-step needs train_step.npz and train_step.json"), r[2]);
        assertTrue(r[2].contains("run without --train-step"), r[2]);
    }

    @Test
    void contradictoryFlagsAreRefused() {
        String[] r = MetricsCommandsTest.run("parity", "--fixture", dir.toString(), "--train-step", "--no-train-step");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--train-step and --no-train-step contradict each other"), r[2]);
    }

    @Test
    void tinyFixtureReplaysItsTrainingStepByDefault() {
        Path tiny = Path.of(System.getProperty("eg3d.fixtures", "../../shared/fixtures")).resolve("official/tiny");
        Assumptions.assumeTrue(Files.isRegularFile(tiny.resolve("train_step.npz")), () -> "skipped: no fixture at "
                + tiny.toAbsolutePath() + " (pass -Deg3d.fixtures=DIR)");
        String[] r = MetricsCommandsTest.run("parity", "--fixture", tiny.toString());
        String[] lines = r[1].strip().split("\n");
        String verdict = lines[lines.length - 1];
        String failures = Arrays.stream(lines).filter(l -> l.contains("\"pass\":false")).collect(Collectors.joining("\n"));
        assertEquals("0", r[0], "exit code; failing keys:\n" + failures + "\n" + r[2]);
        assertTrue(verdict.contains("\"verdict\":\"PASS\""), verdict);
        int replayed = Integer.parseInt(verdict.replaceAll(".*\"train_step_compared\":(\\d+).*", "$1"));
        assertTrue(replayed > 300, verdict);
        assertTrue(r[1].contains("\"key\":\"blur2/iso/Gmain/grad/superresolution.block1.torgb.weight\""), "blur2 Gmain not replayed");
    }
}
