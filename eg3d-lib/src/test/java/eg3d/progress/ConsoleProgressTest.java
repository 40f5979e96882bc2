package eg3d.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputPrintsFirstLastAndAtMostOneLineASecond() {
        ConsoleProgress progress = new ConsoleProgress(out, false, () -> now);
        progress.start("render", 100);
        for (int step = 1; step <= 100; step++) {
            now += 50 * MS;
            progress.advance(step, step == 100 ? "last frame" : "");
        }
        progress.finish("wrote 100 frames");
        List<String> lines = text().lines().toList();
        assertEquals(List.of(
                "render: 1/100 (1%), 20.0 it/s, ETA 0:05",
                "render: 21/100 (21%), 20.0 it/s, ETA 0:04",
                "render: 41/100 (41%), 20.0 it/s, ETA 0:03",
                "render: 61/100 (61%), 20.0 it/s, ETA 0:02",
                "render: 81/100 (81%), 20.0 it/s, ETA 0:01",
                "render: 100/100 (100%), 20.0 it/s, last frame",
                "render: done in 0:05, wrote 100 frames"), lines);
        assertFalse(text().contains("\r"), "no carriage returns in logs");
    }

    @Test
    void slowStepsShowSecondsPerStepAndUnknownTotalsShowNoEta() {
        ConsoleProgress progress = new ConsoleProgress(out, false, () -> now);
        progress.start("train", 0);
        now += 4000 * MS;
        progress.advance(1, "kimg 0.1");
        assertEquals("train: 1, 4.0 s/it, kimg 0.1", text().strip());
    }

    @Test
    void terminalOutputRedrawsOneLineWithABar() {
        ConsoleProgress progress = new ConsoleProgress(out, true, () -> now);
        progress.start("frames", 10);
        now += 1000 * MS;
        progress.advance(5, "seed 42");
        now += 1000 * MS;
        progress.advance(10, "");
        progress.finish("");
        String text = text();
        // Each redraw is padded with spaces over what is left of the previous, longer line (80, 63, 20 chars).
        assertEquals("\rframes: [###############...............] 5/10 (50%), 5.0 it/s, ETA 0:01, seed 42"
                + "\rframes: [##############################] 10/10 (100%), 5.0 it/s" + " ".repeat(80 - 63)
                + "\rframes: done in 0:02" + " ".repeat(63 - 20) + "\n", text);
    }

    @Test
    void durationsReadAsClockTimes() {
        assertEquals("0:59", ConsoleProgress.duration(59_400 * MS));
        assertEquals("1:01:01", ConsoleProgress.duration(3661_000 * MS));
    }

    @Test
    void noneIgnoresEverything() {
        ProgressListener none = ProgressListener.none();
        none.start("x", 1);
        none.advance(1, "");
        none.finish("");
        assertSame(none, ProgressListener.none());
        assertTrue(text().isEmpty());
    }
}
