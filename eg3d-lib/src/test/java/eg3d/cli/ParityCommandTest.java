package eg3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./eg3d parity --train-step} on a fixture without a recorded training step: a clear refusal, not a silent pass. */
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
}
