package eg3d.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.data.synth.SceneFamily;
import eg3d.data.synth.Synthesizer;
import eg3d.io.Checkpoint;
import eg3d.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nano preset on a 16² synthetic dataset: snapshots, true resume, flat memory. */
class TrainerTest {
    @TempDir
    Path tmp;

    private TrainingOptions options(Path data, double kimg, int batch, Path resume) {
        return options(data, kimg, batch, resume, "noaug", 0.2);
    }

    private TrainingOptions options(Path data, double kimg, int batch, Path resume, String aug, double p) {
        return options(data, kimg, 1, batch, null, resume, aug, p, null);
    }

    private TrainingOptions options(Path data, double kimg, int gpus, int batch, Integer batchGpu, Path resume, String aug,
            double p, String devices) {
        return new TrainingOptions(tmp.resolve("runs"), "nano", data, gpus, batch, batchGpu, 1, kimg, 1000, 50, 7, false, true,
                aug, 0.6, p, resume, false, 0.5, 0.25, 0.004, 8, null, 1000, 200, 0.0025, 0.002, 2, 4, 0, 32768, 512, devices);
    }

    private Path dataset() {
        Path data = tmp.resolve("heads16.zip");
        Synthesizer.write(new Synthesizer.Spec(SceneFamily.parse("heads"), 16, 16, 0, 2), data, ProgressListener.none());
        return data;
    }

    @Test
    void resumeContinuesKimgOptimizerStateAndSchedules() {
        Path data = dataset();
        Path runDir;
        try (Trainer t = Trainer.start(options(data, 0.008, 4, null))) {
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            runDir = t.getRunDir();
            assertEquals(2, t.getBatchIdx());
        }
        assertTrue(runDir.getFileName().toString().startsWith("00000-nano-heads16-gpus1-batch4-gamma1"), runDir.toString());
        for (String f : new String[] {"training_options.json", "stats.jsonl", "reals.png", "fakes000000.png",
                "fakes000000_raw.png", "fakes000000_depth.png", "network-snapshot-000000.ckpt"}) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), "missing " + f);
        }
        JsonNode first = Checkpoint.read(runDir.resolve("network-snapshot-000000.ckpt")).metadata().get("training");
        assertEquals(8, first.get("cur_nimg").asLong());
        // Gmain at batches 0 and 1, Greg at batch 0 (interval 4): three Adam steps for a backbone weight.
        assertEquals(3, first.get("opt_steps").get("G").get("backbone.mapping.fc0.weight").asLong());
        assertEquals(2, first.get("opt_steps").get("G").get("superresolution.block0.conv0.weight").asLong());
        try (Trainer t = Trainer.start(options(data, 0.02, 4, runDir))) {
            assertEquals(runDir, t.getRunDir());
            assertEquals(2, t.getBatchIdx());
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            assertEquals(5, t.getBatchIdx());
        }
        Checkpoint last = Checkpoint.read(runDir.resolve("network-snapshot-000000.ckpt"));
        JsonNode t = last.metadata().get("training");
        assertEquals(20, t.get("cur_nimg").asLong());
        assertEquals(5, t.get("batch_idx").asLong());
        // Batches 0–4: five Gmain steps, Greg at 0 and 4; the moments were carried over, not restarted.
        assertEquals(7, t.get("opt_steps").get("G").get("backbone.mapping.fc0.weight").asLong());
        assertEquals(6, t.get("opt_steps").get("D").get("b16.conv0.weight").asLong(), "Dmain ×5 + Dreg at 0");
        assertTrue(last.tensors().containsKey("opt.G.backbone.mapping.fc0.weight.exp_avg_sq"));
        assertTrue(t.get("schedules").get("blur_sigma").asDouble() > 0, "blur fade still running at 0.02 kimg");
    }

    /** ADA's p is written into snapshots and picked up by a resume, which then keeps adjusting it. */
    @Test
    void dataParallelOverTwoCpuRanksTrainsAndSaysSo() throws Exception {
        Path data = dataset();
        List<Map<String, Double>> losses = new ArrayList<>();
        try (Trainer t = Trainer.start(options(data, 0.008, 2, 4, 1, null, "noaug", 0.2, "cpu,cpu"))) {
            assertEquals(Trainer.Stop.DONE, t.run(new TrainingListener() {
                @Override
                public void onStep(double kimg, long batchIdx, Map<String, Double> values) {
                    losses.add(values);
                }
            }));
            Path runDir = t.getRunDir();
            assertTrue(runDir.getFileName().toString().contains("-gpus2-batch4-"), runDir.toString());
            JsonNode described = new ObjectMapper().readTree(runDir.resolve("training_options.json").toFile());
            assertEquals(2, described.get("num_gpus").asInt());
            assertEquals(1, described.get("batch_gpu").asInt());
            assertEquals("cpu,cpu", described.get("options").get("devices").asText());
            assertTrue(Files.isRegularFile(runDir.resolve("network-snapshot-000000.ckpt")));
        }
        assertEquals(2, losses.size());
        for (Map<String, Double> step : losses) {
            assertTrue(step.values().stream().allMatch(Double::isFinite), step.toString());
            assertTrue(step.containsKey("Loss/D/loss") && step.containsKey("Loss/G/loss"), step.toString());
        }
    }

    @Test
    void aResumeCanMoveToOtherDevices() throws Exception {
        Path data = dataset();
        Path runDir;
        try (Trainer t = Trainer.start(options(data, 0.008, 4, null))) {
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            runDir = t.getRunDir();
        }
        try (Trainer t = Trainer.start(options(data, 0.016, 4, runDir), new Trainer.DeviceSplit(2, 1, "cpu,cpu"))) {
            assertEquals(0.008, t.getKimg(), 1e-12);
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            assertEquals(4, t.getBatchIdx());
        }
        JsonNode saved = Checkpoint.read(runDir.resolve("network-snapshot-000000.ckpt")).metadata().get("training").get("options");
        assertEquals(2, saved.get("gpus").asInt());
        assertEquals("cpu,cpu", saved.get("devices").asText());
        assertEquals(4, saved.get("batch").asInt(), "the batch stays");
    }

    @Test
    void adaProbabilitySurvivesSnapshotAndResume() throws Exception {
        Path data = dataset();
        double step = 4.0 * AugmentPipe.ADA_INTERVAL / (AugmentPipe.ADA_KIMG * 1000);
        Path runDir;
        try (Trainer t = Trainer.start(options(data, 0.016, 4, null, "ada", 0.2))) {
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            runDir = t.getRunDir();
            double p = t.getAugmentPipe().getP();
            assertTrue(p == 0 || Math.abs(p - step) < 1e-15, "one adjustment after 4 steps from 0: " + p);
            JsonNode meta = Checkpoint.read(runDir.resolve("network-snapshot-000000.ckpt")).metadata();
            assertEquals(p, meta.get("training").get("augment_p").asDouble());
            assertEquals(p, meta.get("augment_pipe").get("p").asDouble());
            assertEquals(AugmentPipe.CLASS_NAME, meta.get("augment_pipe").get("class_name").asText());
            JsonNode stats = new ObjectMapper().readTree(Files.readAllLines(runDir.resolve("stats.jsonl")).get(0));
            assertEquals(p, stats.get("Progress/augment").get("mean").asDouble());
            assertTrue(stats.has("Loss/signs/real"));
        }
        // As if ADA had climbed to 0.25: the resumed run starts there and adjusts at batch 8.
        Path snap = runDir.resolve("network-snapshot-000000.ckpt");
        Checkpoint saved = Checkpoint.read(snap);
        ((ObjectNode) saved.metadata().get("training")).put("augment_p", 0.25);
        Checkpoint.write(snap, saved.tensors(), saved.metadata());
        try (Trainer t = Trainer.start(options(data, 0.032, 4, runDir))) {
            assertEquals(0.25, t.getAugmentPipe().getP());
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            assertEquals(8, t.getBatchIdx());
            assertEquals(step, Math.abs(t.getAugmentPipe().getP() - 0.25), 1e-12, "one ADA step from the restored p");
        }
    }

    /** With every transform firing, all four phases (Dreg's double backward included) run through the pipe. */
    @Test
    void aFixedPipeAtPOneTrainsWithFiniteLosses() {
        Path data = dataset();
        List<Map<String, Double>> losses = new ArrayList<>();
        try (Trainer t = Trainer.start(options(data, 0.008, 4, null, "fixed", 1))) {
            assertEquals(Trainer.Stop.DONE, t.run(new TrainingListener() {
                @Override
                public void onStep(double kimg, long batchIdx, Map<String, Double> values) {
                    losses.add(values);
                }
            }));
            assertEquals(1.0, t.getAugmentPipe().getP());
        }
        double r1 = losses.get(0).get("Loss/r1_penalty");
        assertTrue(Double.isFinite(r1) && r1 > 0, "R1 through the pipe: " + r1);
    }

    /**
     * RSS after warm-up stays within 50 MB over many iterations, R1 every 16th as in training.
     * Warm-up is 100 iterations: until then the JVM is still touching the pages of its committed
     * heap, which RSS counts. 300 iterations by default; -Deg3d.rssSteps=1000 for the full proof
     * (docs/training.md has the figures).
     */
    @Test
    void residentMemoryStaysFlat() {
        Path data = dataset();
        int steps = Integer.getInteger("eg3d.rssSteps", 300), warmup = 100, batch = 2;
        List<Long> rss = new ArrayList<>();
        try (Trainer t = Trainer.start(options(data, steps * batch / 1000.0, batch, null))) {
            t.run(new TrainingListener() {
                @Override
                public void onStep(double kimg, long batchIdx, Map<String, Double> losses) {
                    rss.add(Trainer.rssBytes());
                    if (batchIdx % 50 == 0) {
                        System.out.printf("step %d: RSS %.1f MB, heap committed %.1f MB%n", batchIdx, Trainer.rssBytes() / 1e6,
                                Runtime.getRuntime().totalMemory() / 1e6);
                    }
                }
            });
        }
        long base = rss.get(warmup), max = rss.subList(warmup, rss.size()).stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf("RSS after %d steps: %.1f MB; after %d: %.1f MB; max %.1f MB%n", warmup, base / 1e6, rss.size(),
                rss.get(rss.size() - 1) / 1e6, max / 1e6);
        assertEquals(steps, rss.size());
        assertTrue(max - base < 50_000_000, "RSS grew by " + (max - base) / 1e6 + " MB after warm-up");
    }
}
