package eg3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eg3d.data.synth.SceneFamily;
import eg3d.data.synth.Synthesizer;
import eg3d.io.Checkpoint;
import eg3d.io.HostTensor;
import eg3d.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./eg3d train} in a child JVM, stopped the hard way. SIGKILL: the last snapshot stays
 * readable, at most one snapshot interval is lost, and the resumed run ends where an uninterrupted
 * run ends (kimg, Adam step counts, schedules exactly; weights and moments to float noise, and
 * usually bit for bit). SIGTERM: the run writes a
 * snapshot of where it stopped before the process exits.
 */
class TrainKillResumeTest {
    private static final Pattern TICK = Pattern.compile("^kimg (\\d+\\.\\d+)");
    private static final int BATCH = 4;
    private static final int SNAP_IMAGES = 8;          // --tick 0.008 with --snap 1: a snapshot every 8 images

    @TempDir
    Path tmp;

    private Path dataset() {
        Path data = tmp.resolve("heads16.zip");
        Synthesizer.write(new Synthesizer.Spec(SceneFamily.parse("heads"), 16, 16, 0, 2), data, ProgressListener.none());
        return data;
    }

    private static List<String> trainArgs(Path outdir, Path data, double kimg) {
        return new ArrayList<>(List.of("train", "--outdir", outdir.toString(), "--cfg", "nano", "--data", data.toString(),
                "--batch", String.valueOf(BATCH), "--kimg", String.valueOf(kimg), "--tick", "0.008", "--snap", "1",
                "--seed", "7", "--neural_rendering_resolution_initial", "8"));
    }

    /**
     * A running child JVM and its output file. A file, not a pipe: {@code Process.destroy} closes
     * the pipes at once, which would lose what the child prints while it stops.
     */
    private record Child(Process process, Path log) {
        int await() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child did not exit within 60 s");
            return process.exitValue();
        }

        List<String> lines() {
            try {
                return Files.readAllLines(log);
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    /** A child JVM running the CLI with this test's classpath and engine settings. */
    private static Child child(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("ai.djl") || key.startsWith("DJL") || key.startsWith("jna") || key.startsWith("eg3d")) {
                cmd.add("-D" + key + "=" + v);
            }
        });
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    private static Path runDir(Path outdir) throws IOException {
        try (Stream<Path> s = Files.list(outdir)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static long snapshotNimg(Path outdir) {
        try {
            if (!Files.isDirectory(outdir)) {
                return -1;
            }
            Path snap = runDir(outdir).resolve("network-snapshot-000000.ckpt");
            return Files.isRegularFile(snap) ? Checkpoint.read(snap).metadata().get("training").get("cur_nimg").asLong() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;         // not there yet
        }
    }

    /** Waits until the child's snapshot has reached {@code nimg} images. */
    private static void awaitSnapshot(Child c, Path outdir, long nimg) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (snapshotNimg(outdir) < nimg) {
            assertTrue(c.process().isAlive(), () -> "training child ended early:\n" + String.join("\n", c.lines()));
            assertTrue(System.nanoTime() < deadline, () -> "no snapshot at " + nimg + " images in 120 s:\n"
                    + String.join("\n", c.lines()));
            Thread.sleep(50);
        }
    }

    private static double lastTickKimg(List<String> lines) {
        double last = 0;
        for (String line : lines) {
            Matcher m = TICK.matcher(line);
            if (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
        }
        return last;
    }

    @Test
    void sigkilledRunResumesExactlyWhereAnUninterruptedRunWouldBe() throws Exception {
        Path data = dataset();
        Path killedOut = tmp.resolve("killed");
        Child c = child(trainArgs(killedOut, data, 10), tmp.resolve("killed.log"));
        awaitSnapshot(c, killedOut, 2 * SNAP_IMAGES);
        c.process().destroyForcibly();                        // SIGKILL: no hook, no final snapshot
        assertEquals(137, c.await(), "killed by SIGKILL");

        Path runDir = runDir(killedOut);
        Checkpoint atKill = Checkpoint.read(runDir.resolve("network-snapshot-000000.ckpt"));
        long saved = atKill.metadata().get("training").get("cur_nimg").asLong();
        long reached = Math.round(lastTickKimg(c.lines()) * 1000);
        assertTrue(saved >= reached - SNAP_IMAGES, "lost more than one snapshot interval: saved " + saved + ", reached " + reached);

        long end = saved + 3 * SNAP_IMAGES;
        System.out.println("killed at " + reached + " images; resuming from the snapshot at " + saved);
        List<String> resume = trainArgs(killedOut, data, end / 1000.0);
        resume.addAll(List.of("--resume", runDir.toString()));
        // Both in fresh processes, as a user would resume.
        Child resumed = child(resume, tmp.resolve("resumed.log"));
        assertEquals(0, resumed.await(), () -> String.join("\n", resumed.lines()));
        Path referenceOut = tmp.resolve("reference");
        Child reference = child(trainArgs(referenceOut, data, end / 1000.0), tmp.resolve("reference.log"));
        assertEquals(0, reference.await(), () -> String.join("\n", reference.lines()));

        Checkpoint after = Checkpoint.read(runDir.resolve("network-snapshot-000000.ckpt"));
        Checkpoint uninterrupted = Checkpoint.read(runDir(referenceOut).resolve("network-snapshot-000000.ckpt"));
        JsonNode rt = after.metadata().get("training"), ft = uninterrupted.metadata().get("training");
        assertEquals(end, rt.get("cur_nimg").asLong());
        assertEquals(end / BATCH, rt.get("batch_idx").asLong());
        for (String field : new String[] {"cur_nimg", "batch_idx", "opt_steps", "schedules", "augment_p"}) {
            assertEquals(ft.get(field), rt.get(field), field + " differs from the uninterrupted run");
        }
        assertEquals(uninterrupted.tensors().keySet(), after.tensors().keySet());
        assertTrue(after.tensors().keySet().stream().anyMatch(k -> k.startsWith(Checkpoint.OPTIMIZER)), "Adam state is saved");
        double worst = 0;
        String worstKey = "";
        int identical = 0;
        for (Map.Entry<String, HostTensor> e : uninterrupted.tensors().entrySet()) {
            float[] want = e.getValue().toFloatArray(), got = after.tensors().get(e.getKey()).toFloatArray();
            identical += Arrays.equals(want, got) ? 1 : 0;
            for (int i = 0; i < want.length; i++) {
                double d = Math.abs((double) want[i] - got[i]);
                if (!(d <= worst)) {
                    worst = d;
                    worstKey = e.getKey();
                }
            }
        }
        System.out.printf("resumed vs uninterrupted: %d of %d tensors bit-identical, max |diff| %.3g (%s)%n", identical,
                uninterrupted.tensors().size(), worst, worstKey);
        // Bit for bit in every run here; the bound only leaves room for rounding on other machines.
        assertTrue(worst <= 1e-4, "resumed from " + saved + " images: " + worstKey + " differs by " + worst);
    }

    @Test
    void sigtermWritesASnapshotOfWhereTheRunStopped() throws Exception {
        Path data = dataset();
        Path out = tmp.resolve("termed");
        Child c = child(trainArgs(out, data, 10), tmp.resolve("termed.log"));
        awaitSnapshot(c, out, SNAP_IMAGES);
        Thread.sleep(300);                                    // let it get between snapshots
        c.process().destroy();                                // SIGTERM
        int exit = c.await();
        String log = String.join("\n", c.lines());
        assertTrue(log.contains("INTERRUPTED: interrupted at kimg"), "no clean stop (exit " + exit + ") in:\n" + log);
        long saved = Checkpoint.read(runDir(out).resolve("network-snapshot-000000.ckpt")).metadata()
                .get("training").get("cur_nimg").asLong();
        assertTrue(saved >= Math.round(lastTickKimg(c.lines()) * 1000), "the stop snapshot is behind the last tick:\n" + log);
    }
}
