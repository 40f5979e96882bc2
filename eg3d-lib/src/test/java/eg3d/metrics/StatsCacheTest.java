package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCacheTest {
    @TempDir
    Path dir;

    @Test
    void theSecondLookupIsAHitWithTheSameNumbersAndAChangedImageIsAMiss() throws Exception {
        Path images = TestImages.folder(dir.resolve("images"), 10, 1, 0);
        StatsCache cache = new StatsCache(dir.resolve("cache"));
        try (RandomConvDetector detector = new RandomConvDetector(0)) {
            StatsCache.Lookup first, second;
            try (ImageSet set = ImageSet.open(images)) {
                first = cache.datasetStats(set, detector, null, false, true, 4);
                second = cache.datasetStats(set, detector, null, false, true, 4);
            }
            assertFalse(first.hit());
            assertTrue(second.hit());
            assertEquals(first.key(), second.key());
            assertTrue(Files.isRegularFile(dir.resolve("cache").resolve("dataset-" + first.key() + ".safetensors")));
            assertEquals(10, second.stats().getCount());
            assertArrayEquals(first.stats().getMean(), second.stats().getMean(), 0);
            assertArrayEquals(first.stats().getCovariance()[3], second.stats().getCovariance()[3], 0);
            assertArrayEquals(first.stats().getAll()[9], second.stats().getAll()[9], 0);

            Files.copy(images.resolve("img001.png"), images.resolve("img000.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (ImageSet changed = ImageSet.open(images)) {
                StatsCache.Lookup third = cache.datasetStats(changed, detector, null, false, true, 4);
                assertFalse(third.hit(), "new content, new key");
                assertNotEquals(first.key(), third.key());
            }
        }
    }

    @Test
    void everyOptionThatChangesTheFeaturesChangesTheKey() {
        Path images = TestImages.folder(dir.resolve("images"), 6, 2, 0);
        try (ImageSet set = ImageSet.open(images); RandomConvDetector d0 = new RandomConvDetector(0);
                RandomConvDetector d1 = new RandomConvDetector(1)) {
            String base = StatsCache.key(set, d0, null, false, false);
            assertNotEquals(base, StatsCache.key(set, d1, null, false, false), "detector");
            assertNotEquals(base, StatsCache.key(set, d0, null, true, false), "mirror");
            assertNotEquals(base, StatsCache.key(set, d0, 3, false, false), "item count");
            assertNotEquals(base, StatsCache.key(set, d0, null, false, true), "all vectors kept");
            assertEquals(base, StatsCache.key(set, d0, 100, false, false), "a cap above the size selects the same items");
        }
    }

    @Test
    void mirroringAppendsTheFlippedImagesAfterTheOriginals() {
        Path images = TestImages.folder(dir.resolve("images"), 3, 3, 0);
        try (ImageSet set = ImageSet.open(images); RandomConvDetector detector = new RandomConvDetector(0)) {
            FeatureStats mirrored = DatasetFeatures.compute(set, detector, null, true, true, 2);
            FeatureStats plain = DatasetFeatures.compute(set, detector, null, false, true, 2);
            assertEquals(6, mirrored.getCount());
            assertArrayEquals(plain.getAll()[2], mirrored.getAll()[2], 1e-5f);
            assertFalse(java.util.Arrays.equals(mirrored.getAll()[0], mirrored.getAll()[3]), "item 3 is image 0 flipped");
            assertEquals(4, DatasetFeatures.compute(set, detector, 4, true, false, 3).getCount());
        }
        float[] chw = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};          // 3 channels × 2 rows × 2 columns
        DatasetFeatures.flipHorizontally(chw, 2, 2);
        assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11}, chw);
    }
}
