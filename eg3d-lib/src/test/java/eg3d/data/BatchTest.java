package eg3d.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches: the right values and shapes, a deterministic shuffle from the seed, every item once per epoch. */
class BatchTest {
    @TempDir
    Path dir;

    /** Which item a batch row holds: the blue channel of our test images is the item's index. */
    private static int[] items(Eg3dDataset.Batch batch) {
        float[] images = batch.images().toFloatArray();
        int n = (int) batch.images().getShape().get(0), plane = 64;
        int[] out = new int[n];
        for (int b = 0; b < n; b++) {
            out[b] = Math.round((images[b * 3 * plane + 2 * plane] + 1) * 127.5f);
        }
        return out;
    }

    @Test
    void batchesHoldScaledPixelsAndTheirLabels() {
        Path data = TestData.valid(5).writeZip(dir.resolve("d.zip"));
        try (NDManager manager = NDManager.newBaseManager();
             Eg3dDataset dataset = Eg3dDataset.open(data, DatasetOptions.defaults())) {
            Eg3dDataset.Batch batch = dataset.next(manager, 3);
            assertEquals(new Shape(3, 3, 8, 8), batch.images().getShape());
            assertEquals(new Shape(3, 25), batch.c().getShape());
            int item = items(batch)[0];
            float[] pixels = batch.images().toFloatArray();
            // Pixel (x=5, y=2) of every test image is (5, 2, item): value = uint8 / 127.5 − 1.
            assertEquals(5 / 127.5f - 1, pixels[2 * 8 + 5], 0f);
            assertEquals(2 / 127.5f - 1, pixels[64 + 2 * 8 + 5], 0f);
            assertArrayEquals(dataset.label(item), Arrays.copyOf(batch.c().toFloatArray(), 25), 0f);
        }
    }

    @Test
    void theSameSeedGivesTheSameStreamAndEveryEpochCoversEveryItemOnce() {
        Path data = TestData.valid(7).writeZip(dir.resolve("d.zip"));
        DatasetOptions options = DatasetOptions.defaults().withSeed(42);
        try (NDManager manager = NDManager.newBaseManager();
             Eg3dDataset a = Eg3dDataset.open(data, options);
             Eg3dDataset b = Eg3dDataset.open(data, options);
             Eg3dDataset other = Eg3dDataset.open(data, options.withSeed(43))) {
            int[] streamA = new int[21], streamB = new int[21], streamOther = new int[21];
            for (int k = 0; k < 7; k++) {       // batches of 3 straddle the epoch boundaries
                System.arraycopy(items(a.next(manager, 3)), 0, streamA, 3 * k, 3);
                System.arraycopy(items(b.next(manager, 3)), 0, streamB, 3 * k, 3);
                System.arraycopy(items(other.next(manager, 3)), 0, streamOther, 3 * k, 3);
            }
            assertArrayEquals(streamA, streamB);
            assertFalse(Arrays.equals(streamA, streamOther), "another seed gives another order");
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] seen = Arrays.copyOfRange(streamA, 7 * epoch, 7 * epoch + 7);
                Arrays.sort(seen);
                assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, seen, "epoch " + epoch);
            }
            assertFalse(Arrays.equals(Arrays.copyOfRange(streamA, 0, 7), Arrays.copyOfRange(streamA, 7, 14)),
                    "each epoch is shuffled afresh");
        }
    }

    @Test
    void maxSizeKeepsASeededSubsetInFileOrderAndLabelsCanBeOff() {
        Path data = TestData.valid(10).writeFolder(dir.resolve("d"));
        try (Eg3dDataset a = Eg3dDataset.open(data, new DatasetOptions(4, true, false, 5));
             Eg3dDataset b = Eg3dDataset.open(data, new DatasetOptions(4, true, false, 5))) {
            assertEquals(8, a.size());
            String[] files = new String[4];
            for (int i = 0; i < 4; i++) {
                files[i] = a.fileName(i);
                assertEquals(files[i], b.fileName(i));
            }
            String[] sorted = files.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, files);
            assertArrayEquals(new float[25], a.label(3), 0f);
            assertArrayEquals(new float[25], a.labelStd(), 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> new DatasetOptions(0, false, true, 0));
    }

    @Test
    void labelStdIsThePopulationStdOfEachLabelEntry() {
        Path data = TestData.valid(4).writeFolder(dir.resolve("d"));
        try (Eg3dDataset dataset = Eg3dDataset.open(data, DatasetOptions.defaults())) {
            double mean = 0, sq = 0;
            for (int i = 0; i < 4; i++) {
                mean += TestData.camera(i)[3] / 4.0;
            }
            for (int i = 0; i < 4; i++) {
                sq += Math.pow(TestData.camera(i)[3] - mean, 2) / 4;
            }
            float[] std = dataset.labelStd();
            assertEquals(Math.sqrt(sq), std[3], 1e-6);
            assertEquals(0, std[16], 0f);   // every focal is the same
            assertEquals(16, dataset.grid(4).getWidth(), "4 tiles of 8 px in rows of 2");
            assertEquals(16, dataset.grid(4).getHeight());
        }
    }
}
