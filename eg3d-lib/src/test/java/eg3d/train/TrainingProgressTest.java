package eg3d.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.data.synth.SceneFamily;
import eg3d.data.synth.Synthesizer;
import eg3d.metrics.FeatureDetector;
import eg3d.metrics.ImageSet;
import eg3d.metrics.MetricSpec;
import eg3d.metrics.Metrics;
import eg3d.metrics.StatsCache;
import eg3d.model.TriPlaneGenerator;
import eg3d.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run in CI time: the nano preset on synthetic heads for {@value #KIMG} kimg. The run writes
 * its stats and snapshots, and G_ema's images move towards the data: FID with the built-in detector
 * falls well below what the same networks give at initialisation.
 */
class TrainingProgressTest {
    private static final double KIMG = 1.5;
    private static final String METRIC = "fid256_full";

    @TempDir
    Path tmp;

    @Test
    void generatedImagesMoveTowardsTheData() throws Exception {
        Path data = tmp.resolve("heads32.zip");
        Synthesizer.write(new Synthesizer.Spec(SceneFamily.parse("heads"), 256, 32, 0, 2), data, ProgressListener.none());
        TrainingOptions options = TrainingOptions.defaults(tmp.resolve("runs"), "nano", data, 4).withKimg(KIMG)
                .withTick(0.5, 1);
        StatsCache cache = new StatsCache(tmp.resolve("cache"));
        double before, after;
        Path runDir;
        try (FeatureDetector detector = FeatureDetector.open(null); ImageSet images = ImageSet.open(data);
                Trainer t = Trainer.start(options)) {
            runDir = t.getRunDir();
            before = fid(t.getGeneratorEma(), images, detector, cache);
            assertEquals(Trainer.Stop.DONE, t.run(TrainingListener.NONE));
            after = fid(t.getGeneratorEma(), images, detector, cache);
        }
        System.out.printf("%s: %.3f at initialisation, %.3f after %.1f kimg%n", METRIC, before, after, KIMG);
        assertTrue(after < 0.5 * before, METRIC + " went from " + before + " to " + after + ", not below half");
        List<String> stats = Files.readAllLines(runDir.resolve("stats.jsonl"));
        assertEquals(3, stats.size(), "one stats line per 0.5 kimg tick");
        assertTrue(stats.get(2).contains("\"Loss/D/loss\""), stats.get(2));
        for (String snap : new String[] {"network-snapshot-000000.ckpt", "network-snapshot-000001.ckpt"}) {
            assertTrue(Files.isRegularFile(runDir.resolve(snap)), "missing " + snap);
        }
    }

    private static double fid(TriPlaneGenerator g, ImageSet images, FeatureDetector detector, StatsCache cache) {
        return Metrics.compute(MetricSpec.parse(METRIC), g, images, detector, cache, Metrics.Options.defaults(), "G_ema")
                .results().get(METRIC);
    }
}
