package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTest {
    private static final int N = 3, H = 16, W = 16;

    /** f(x) = [2×2 average pool of x, flattened (12), mean of x² per channel (3)]. */
    private static final String KNOWN_FUNCTION = """
                _0 = torch.flatten(torch.adaptive_avg_pool2d(x, [2, 2]), 1)
                _1 = torch.mean(torch.mul(x, x), [2, 3])
                return torch.cat([_0, _1], 1)
            """;

    @TempDir
    Path dir;

    private static float[] images() {
        Random random = new Random(8);
        float[] x = new float[N * 3 * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(256);
        }
        return x;
    }

    /** The known function on the host, in float64. */
    private static float[] expected(float[] x) {
        float[] out = new float[N * 15];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < 3; c++) {
                double squares = 0;
                double[] quadrant = new double[4];
                for (int y = 0; y < H; y++) {
                    for (int xx = 0; xx < W; xx++) {
                        double v = x[((n * 3 + c) * H + y) * W + xx];
                        quadrant[(y / (H / 2)) * 2 + xx / (W / 2)] += v;
                        squares += v * v;
                    }
                }
                for (int q = 0; q < 4; q++) {
                    out[n * 15 + c * 4 + q] = (float) (quadrant[q] / (H * W / 4.0));
                }
                out[n * 15 + 12 + c] = (float) (squares / (H * W));
            }
        }
        return out;
    }

    @Test
    void aTorchScriptDetectorComputesItsFunction() {
        Path file = TorchScriptArchive.write(dir, "known", "Known", KNOWN_FUNCTION);
        float[] x = images();
        try (TorchScriptDetector detector = TorchScriptDetector.load(file); NDManager manager = NDManager.newBaseManager()) {
            NDArray features = detector.features(manager.create(x, new Shape(N, 3, H, W)));
            assertEquals(new Shape(N, 15), features.getShape());
            float[] got = features.toFloatArray(), want = expected(x);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-6 * Math.abs(want[i]) + 1e-4, "feature " + i);
            }
            assertEquals(Hashing.ofFile(file), detector.getHash());
            assertEquals("known", detector.getName());
        }
    }

    @Test
    void aFileWithAnotherExtensionLoadsToo() throws Exception {
        Path file = Files.move(TorchScriptArchive.write(dir, "known", "Known", KNOWN_FUNCTION), dir.resolve("known.torchscript"));
        try (TorchScriptDetector detector = TorchScriptDetector.load(file); NDManager manager = NDManager.newBaseManager()) {
            assertEquals(new Shape(N, 15), detector.features(manager.create(images(), new Shape(N, 3, H, W))).getShape());
        }
    }

    @Test
    void aDetectorThatBreaksTheContractIsNamed() {
        Path file = TorchScriptArchive.write(dir, "bad", "Bad", "    return torch.mean(x, [1])\n");
        try (TorchScriptDetector detector = TorchScriptDetector.load(file); NDManager manager = NDManager.newBaseManager()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> detector.features(manager.create(images(), new Shape(N, 3, H, W))));
            assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("[N, D]"), e.getMessage());
        }
    }

    @Test
    void aMissingOrBrokenFileIsAnErrorThatSaysWhatToGive() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptDetector.load(dir.resolve("nope.pt")));
        assertTrue(missing.getMessage().contains("nope.pt") && missing.getMessage().contains("TorchScript"), missing.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a zip");
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> TorchScriptDetector.load(junk));
        assertTrue(broken.getMessage().contains("junk.pt") && broken.getMessage().contains("torch.jit.save"), broken.getMessage());
    }

    @Test
    void theBuiltInDetectorIsDeterministicPerSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(images(), new Shape(N, 3, H, W));
            float[] first = new RandomConvDetector(0).features(x).toFloatArray();
            float[] again = new RandomConvDetector(0).features(x).toFloatArray();
            float[] other = new RandomConvDetector(1).features(x).toFloatArray();
            assertEquals(N * RandomConvDetector.getDimension(), first.length);
            assertArrayEquals(first, again, "same seed, same features, bit for bit");
            assertTrue(!java.util.Arrays.equals(first, other), "another seed is another detector");
            assertEquals(new RandomConvDetector(0).getHash(), new RandomConvDetector(0).getHash());
            assertNotEquals(new RandomConvDetector(0).getHash(), new RandomConvDetector(1).getHash());
            float max = 0;
            for (float f : first) {
                assertTrue(Float.isFinite(f) && f >= 0, "means and standard deviations of ReLU maps");
                max = Math.max(max, f);
            }
            assertTrue(max > 0, "features are not all zero");
        }
    }
}
