package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidSanityTest {
    @TempDir
    Path dir;

    @Test
    void fidIsZeroAgainstItselfAndGrowsWithAddedNoise() {
        double[] sigmas = {0, 8, 24, 64};
        double[] fid = new double[sigmas.length];
        try (RandomConvDetector detector = new RandomConvDetector(0);
                ImageSet clean = ImageSet.open(TestImages.folder(dir.resolve("clean"), 40, 11, 0))) {
            FeatureStats reference = DatasetFeatures.compute(clean, detector, null, false, false, 8);
            for (int i = 0; i < sigmas.length; i++) {
                try (ImageSet noisy = ImageSet.open(TestImages.folder(dir.resolve("noisy" + i), 40, 11, sigmas[i]))) {
                    fid[i] = FrechetDistance.compute(reference, DatasetFeatures.compute(noisy, detector, null, false, false, 8));
                }
            }
        }
        assertEquals(0, fid[0], 1e-6, "the same images");
        for (int i = 1; i < fid.length; i++) {
            assertTrue(fid[i] > fid[i - 1], "FID must grow with noise: " + java.util.Arrays.toString(fid));
        }
    }
}
