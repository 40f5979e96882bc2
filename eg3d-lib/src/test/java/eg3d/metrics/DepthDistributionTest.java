package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DepthDistributionTest {

    @Test
    void identicalDistributionsAreZeroAndAShiftIsTheShift() {
        float[] gt = {2.1f, 2.5f, 2.2f, 2.9f, 3.0f, Float.NaN};
        assertEquals(0, DepthDistribution.compare(gt.clone(), gt).wasserstein1(), 0);
        float[] shifted = new float[gt.length];
        for (int i = 0; i < gt.length; i++) {
            shifted[i] = gt[i] + 0.25f;
        }
        DepthDistribution.Result r = DepthDistribution.compare(shifted, gt);
        assertEquals(0.25, r.wasserstein1(), 1e-6);
        assertEquals(0.25, r.meanGenerated() - r.meanGroundTruth(), 1e-6);
        assertEquals(5, r.countGroundTruth());
    }

    @Test
    void unequalSampleSizesUseTheDistributionFunctions() {
        // F_a jumps to 1 at 0; F_b is 1/2 on [1, 3): ∫|F_a − F_b| = 1·1 + 0.5·2 = 2.
        assertEquals(2, DepthDistribution.compare(new float[] {0}, new float[] {1, 3}).wasserstein1(), 1e-12);
        // Same distribution, different sizes.
        assertEquals(0, DepthDistribution.compare(new float[] {0, 1}, new float[] {0, 0, 1, 1}).wasserstein1(), 1e-12);
    }

    @Test
    void anAllBackgroundMapIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> DepthDistribution.compare(new float[] {Float.NaN}, new float[] {1}));
    }
}
