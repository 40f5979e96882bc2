package eg3d.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayersTest {
    private static NDArray filter(NDManager m) {
        float[] k = {1, 3, 3, 1};
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = k[i / 4] * k[i % 4] / 64f;
        }
        return m.create(v, new Shape(4, 4));
    }

    @Test
    void upsamplingPreservesAConstantImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(1, 2, 8, 8)).mul(3f);
            NDArray y = Upfirdn2d.upsample2d(x, filter(m));
            assertEquals(new Shape(1, 2, 16, 16), y.getShape());
            // Away from the zero-padded border a constant stays constant (gain 4 makes up for the inserted zeros).
            assertEquals(3f, y.get(0, 0, 8, 8).getFloat(), 1e-6f);
            NDArray z = Upfirdn2d.downsample2d(x, filter(m));
            assertEquals(new Shape(1, 2, 4, 4), z.getShape());
            assertEquals(3f, z.get(0, 1, 2, 2).getFloat(), 1e-6f);
        }
    }

    @Test
    void upsamplingADeltaSpreadsTheSeparableKernel() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[16];
            v[5] = 1;                                                   // (1,1) of a 4×4 image
            NDArray y = Upfirdn2d.upsample2d(m.create(v, new Shape(1, 1, 4, 4)), filter(m));
            float total = y.sum().getFloat();
            assertEquals(4f, total, 1e-5f, "gain up² keeps the mean: one sample becomes 4 samples' worth");
            assertEquals(9 / 16f, y.get(0, 0, 2, 2).getFloat(), 1e-6f, "centre tap (3/4)² at the delta's position");
        }
    }

    @Test
    void fusedAndSeparateModulatedConvAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(3, 8, 8, 8));
            NDArray w = m.randomNormal(new Shape(6, 8, 3, 3));
            NDArray s = m.randomNormal(new Shape(3, 8)).add(1f);
            NDArray noise = m.randomNormal(new Shape(3, 1, 16, 16));
            for (int up : new int[] {1, 2}) {
                NDArray n = up == 2 ? noise : noise.get(":, :, :8, :8");
                NDArray a = ModulatedConv.fused(x, w, s, n, up, 1, filter(m), true);
                NDArray b = ModulatedConv.separate(x, w, s, n, up, 1, filter(m), true);
                assertTrue(a.sub(b).abs().max().getFloat() < 1e-5f, "up=" + up);
            }
        }
    }

    @Test
    void minibatchStdAppendsTheGroupStddev() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 0, 2, 2}, new Shape(2, 1, 1, 2));   // two samples, values 0 and 2
            NDArray y = MinibatchStd.forward(x, 4, 1);
            assertEquals(new Shape(2, 2, 1, 2), y.getShape());
            assertEquals(1f, y.get(0, 1, 0, 0).getFloat(), 1e-4f, "std of {0, 2} is 1");
            assertThrows(IllegalArgumentException.class, () -> MinibatchStd.forward(m.zeros(new Shape(3, 1, 1, 1)), 2, 1));
        }
    }

    @Test
    void strictLoadingListsEveryProblem() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            arrays.put("fc.weight", m.zeros(new Shape(4, 3)));      // wrong shape
            arrays.put("stray.weight", m.zeros(new Shape(1)));      // unexpected
            Params p = Params.of(m.newSubManager(), "weights.npz", arrays);
            new FullyConnectedLayer(p, "fc", 4, 4, BiasAct.Act.LINEAR, 1f, 0f);     // fc.bias missing
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::verify);
            String msg = e.getMessage();
            assertTrue(msg.startsWith("weights.npz"), msg);
            assertTrue(msg.contains("missing keys:\n    fc.bias [4]"), msg);
            assertTrue(msg.contains("unexpected keys:\n    stray.weight"), msg);
            assertTrue(msg.contains("fc.weight: expected [4, 4], got (4, 3)"), msg);
        }
    }

    @Test
    void shapeChecksNameTheTensor() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Shapes.check("b8.conv0 x", m.zeros(new Shape(1, 256, 4, 4)), Shapes.ANY, 512, 4, 4));
            assertEquals("b8.conv0 x: expected [*, 512, 4, 4], got (1, 256, 4, 4)", e.getMessage());
        }
    }

    @Test
    void biasActClampsAfterTheGain() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = BiasAct.biasAct(m.create(new float[] {-10, 300}, new Shape(1, 2)), null, BiasAct.Act.LRELU, 2f, 256f);
            assertArrayEquals(new float[] {-4f, 256f}, y.toFloatArray(), 1e-5f);
        }
    }
}
