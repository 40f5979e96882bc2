package eg3d.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import eg3d.TestFixtures;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.media.Video;
import eg3d.nn.NoiseMode;
import eg3d.progress.ProgressListener;
import eg3d.shape.DensityVolume;
import eg3d.shape.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** gen-samples and gen-videos on the official tiny snapshot. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerationJobsTest {
    private NDManager manager;
    private Network net;

    @BeforeAll
    void load() {
        Path pkl = TestFixtures.require("official/tiny/network-snapshot.pkl");
        manager = NDManager.newBaseManager();
        net = NetworkFile.load(pkl, manager);
    }

    @AfterAll
    void close() {
        if (net != null) {
            net.close();
            manager.close();
        }
    }

    @Test
    void shapesMatchTheOfficialExport(@TempDir Path out) {
        // As: gen_samples.py --seeds=0 --trunc=0.7 --trunc-cutoff=14 --shapes --shape-res=32 (fov 18, the official int default)
        new SampleJob(0.7f, 14, 18, false, false, true, 32, ".mrc", 10f, NoiseMode.CONST)
                .run(net.generatorEma(), List.of(0L), out, ProgressListener.none());
        DensityVolume ours = DensityVolume.readMrc(out.resolve("seed0000.mrc"));
        DensityVolume official = DensityVolume.readMrc(TestFixtures.require("official/tiny/gen_samples/seed0000.mrc"));
        assertEquals(32, ours.getResolution());
        float[] a = ours.getValues(), b = official.getValues();
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertTrue(worst < 1e-3, "max |Δσ| " + worst);
        assertTrue(Files.exists(out.resolve("seed0000.png")));
    }

    @Test
    void plyMeshHasColoursAndTheReferenceVertexCount(@TempDir Path out) {
        new SampleJob(0.7f, 14, 18.837, false, false, true, 48, ".ply", 10f, NoiseMode.CONST)
                .run(net.generatorEma(), List.of(0L), out, ProgressListener.none());
        Mesh mesh = Mesh.readPly(out.resolve("seed0000.ply"));
        assertTrue(mesh.getVertexCount() > 100, "a real surface");
        float[] colors = mesh.getColors();
        assertTrue(colors != null && colors.length == 3 * mesh.getVertexCount(), "one RGB per vertex");
        // Reference count, independent of the marching-cubes code: a welded mesh has one vertex per grid edge
        // whose two ends straddle the level.
        try (var planes = net.generatorEma().planes(Latents.ws(net.generatorEma(), manager, List.of(0L), 0.7f, 14,
                Latents.conditioning(net.generatorEma(), 18.837)), NoiseMode.CONST)) {
            DensityVolume v = ShapeExport.worldVolume(net.generatorEma(), planes, 48, ProgressListener.none());
            long crossings = crossingEdges(v, 10f);
            double ratio = (double) mesh.getVertexCount() / crossings;
            assertTrue(Math.abs(ratio - 1) < 0.02, "vertices " + mesh.getVertexCount() + " vs crossing edges " + crossings);
        }
    }

    private static long crossingEdges(DensityVolume v, float level) {
        int n = v.getResolution();
        long count = 0;
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                for (int z = 0; z < n; z++) {
                    boolean in = v.get(x, y, z) > level;
                    if (x + 1 < n && in != v.get(x + 1, y, z) > level) {
                        count++;
                    }
                    if (y + 1 < n && in != v.get(x, y + 1, z) > level) {
                        count++;
                    }
                    if (z + 1 < n && in != v.get(x, y, z + 1) > level) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @Test
    void aTurntableRunsTheBackboneOncePerSeedAndPassesFfprobe(@TempDir Path out) throws Exception {
        long before = net.generatorEma().getBackboneRuns();
        Path mp4 = out.resolve("turn.mp4");
        Video video = new VideoJob(VideoJob.Kind.TURNTABLE, 1, 1, null, 8, 0.7f, 14, VideoJob.Cfg.FFHQ, ImageMode.IMAGE, 1, null, 24,
                new double[4]).run(net.generatorEma(), List.of(3L), null, mp4, ProgressListener.none());
        assertEquals(1, net.generatorEma().getBackboneRuns() - before, "8 frames, one backbone run");
        assertEquals(8, video.getFrameCount());
        assertStream(mp4, 8, 128, 128);
    }

    @Test
    void officialInterpolationGridHasTheRequestedFramesAndSize(@TempDir Path out) throws Exception {
        Path mp4 = out.resolve("interpolation.mp4");
        new VideoJob(VideoJob.Kind.INTERPOLATION, 2, 1, null, 3, 1f, 14, VideoJob.Cfg.FFHQ, ImageMode.IMAGE_RAW, 1, null, 60,
                new double[4]).run(net.generatorEma(), List.of(0L, 1L, 2L, 3L), 7L, mp4, ProgressListener.none());
        assertStream(mp4, 2 * 3, 64, 32);   // 2 keyframes × 3 frames; two 32² raw tiles side by side
    }

    @Test
    void thePureJavaEncoderWritesAPlayableMp4(@TempDir Path out) throws Exception {
        String old = System.getProperty("eg3d.video.encoder");
        System.setProperty("eg3d.video.encoder", "jcodec");
        try {
            Path mp4 = out.resolve("fallback.mp4");
            new VideoJob(VideoJob.Kind.PATH, 1, 1, null, 4, 0.7f, 14, VideoJob.Cfg.FFHQ, ImageMode.IMAGE_DEPTH, 1, null, 24,
                    new double[] {-0.3, 0, 0.3, -0.1}).run(net.generatorEma(), List.of(5L), null, mp4, ProgressListener.none());
            assertStream(mp4, 4, 32, 32);
        } finally {
            if (old == null) {
                System.clearProperty("eg3d.video.encoder");
            } else {
                System.setProperty("eg3d.video.encoder", old);
            }
        }
    }

    /** ffprobe agrees on codec, pixel format, size and frame count. */
    private static void assertStream(Path mp4, int frames, int width, int height) throws Exception {
        Assumptions.assumeTrue(onPath("ffprobe"), "skipped: ffprobe not installed (Debian package ffmpeg)");
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=codec_name,pix_fmt,width,height,nb_read_frames", "-of", "default=noprint_wrappers=1", mp4.toString())
                .redirectErrorStream(true).start();
        String info = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, info);
        assertTrue(info.contains("codec_name=h264"), info);
        assertTrue(info.contains("pix_fmt=yuv420p"), info);
        assertTrue(info.contains("width=" + width) && info.contains("height=" + height), info);
        assertTrue(info.contains("nb_read_frames=" + frames), info);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void seedsParseAsTheOfficialScripts() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 7L), Seeds.parse("0-3,7"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seeds.parse("3-1"));
        assertTrue(e.getMessage().contains("1-3"), e.getMessage());
    }

    @Test
    void interpolationPassesThroughTheKeyframesAndWeightsSumToOne() {
        LatentInterpolation li = new LatentInterpolation(4, 2);
        assertArrayEquals(new double[] {0, 0, 1, 0}, li.weights(2), 1e-9);
        double sum = 0;
        for (double w : li.weights(1.37)) {
            sum += w;
        }
        assertEquals(1, sum, 1e-9);
    }
}
