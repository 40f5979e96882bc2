package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    /**
     * Real: 100 points on a line at x = 0..99; the 3rd-nearest neighbour radius is 2 inside.
     * Generated: 50 points at x = 0.5..49.5 (inside the real manifold) and 50 copies of a far point.
     * Precision = 50/100. Recall: the generated near points have radius 2 (3 at both ends, and 0 for
     * the far copies), so real x = 0..52 are covered: 53/100.
     */
    @Test
    void aConstructedLineManifoldGivesTheCountedPrecisionAndRecall() {
        float[][] real = new float[100][], gen = new float[100][];
        for (int i = 0; i < 100; i++) {
            real[i] = new float[] {i, 0};
            gen[i] = i < 50 ? new float[] {i + 0.5f, 0} : new float[] {1000, 1000};
        }
        PrecisionRecall.Result r = PrecisionRecall.compute(real, gen, 3);
        assertEquals(0.5, r.precision(), 0);
        assertEquals(0.53, r.recall(), 0);
    }

    @Test
    void identicalSetsHaveFullPrecisionAndRecallAndDisjointOnesNone() {
        float[][] a = new float[40][], far = new float[40][];
        for (int i = 0; i < 40; i++) {
            a[i] = new float[] {i % 7, i / 7, 1};
            far[i] = new float[] {i % 7 + 500, i / 7, 1};
        }
        assertEquals(new PrecisionRecall.Result(1, 1), PrecisionRecall.compute(a, a, 3));
        assertEquals(new PrecisionRecall.Result(0, 0), PrecisionRecall.compute(a, far, 3));
    }
}
