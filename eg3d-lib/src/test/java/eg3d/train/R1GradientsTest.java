package eg3d.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class R1GradientsTest {
    /** logits_n = Σ_j w_j·x_nj² + Σ_j w_j·r_nj²: ∂/∂x = 2w·x, penalty = Σ 4w²x² + Σ 4w²r², ∂penalty/∂w_j = Σ_n 8w_j(x_nj² + r_nj²). */
    @Test
    void penaltyAndItsParameterGradientMatchTheAnalyticForm() {
        try (NDManager m = NDManager.newBaseManager(); R1Gradients r1 = new R1Gradients(m)) {
            float[] xs = {0.5f, -1f, 2f, 0.25f, 1.5f, -0.75f};
            float[] rs = {1f, 0.5f, -0.5f, 2f, 0f, 1f};
            float[] ws = {0.3f, -0.7f, 1.1f};
            NDArray w = m.create(ws);
            NDArray x = m.create(xs).reshape(2, 3, 1, 1);
            NDArray r = m.create(rs).reshape(2, 3, 1, 1);
            w.setRequiresGradient(true);
            x.setRequiresGradient(true);
            r.setRequiresGradient(true);
            boolean was = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                NDArray wb = w.reshape(1, 3, 1, 1);
                NDArray logits = x.square().mul(wb).sum(new int[] {1, 2, 3}).add(r.square().mul(wb).sum(new int[] {1, 2, 3}))
                        .reshape(2, 1);
                NDArray penalty = r1.penalty(logits, x, r);
                float[] expected = new float[2];
                float[] dw = new float[3];
                for (int n = 0; n < 2; n++) {
                    for (int j = 0; j < 3; j++) {
                        float xv = xs[n * 3 + j], rv = rs[n * 3 + j];
                        expected[n] += 4 * ws[j] * ws[j] * (xv * xv + rv * rv);
                        dw[j] += 8 * ws[j] * (xv * xv + rv * rv);
                    }
                }
                assertArrayEquals(expected, penalty.toFloatArray(), 1e-5f);
                JniUtils.backward((PtNDArray) penalty.sum(), (PtNDArray) m.ones(new ai.djl.ndarray.types.Shape()), false, false);
                assertArrayEquals(dw, w.getGradient().toFloatArray(), 1e-4f);
            } finally {
                JniUtils.setGradMode(was);
            }
        }
    }
}
