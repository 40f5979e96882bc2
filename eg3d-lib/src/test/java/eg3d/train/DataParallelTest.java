package eg3d.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.model.DualDiscriminator;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Owned;
import eg3d.nn.Params;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Data parallel over two ranks on the CPU ({@code --devices cpu,cpu}) against the same work done
 * slice by slice on one rank: the reduced gradient is the mean of the ranks' gradients, rounds of
 * {@code --batch-gpu} add up, and the replicas take the stepped parameters.
 */
class DataParallelTest {
    private static final int RES = 16, BATCH = 4;

    /** The nano networks at 16², with a deterministic renderer. */
    private record Nets(TriPlaneGenerator g, DualDiscriminator d, Eg3dLoss loss, R1Gradients r1) implements AutoCloseable {
        static Nets create(NDManager m) {
            TrainingOptions o = TrainingOptions.defaults(Path.of("unused"), "nano", Path.of("unused.zip"), BATCH);
            Cfg cfg = Cfg.parse("nano");
            TriPlaneGenerator g = new TriPlaneGenerator(cfg.generator(o, RES), Params.initialize(m.newSubManager(), 3));
            DualDiscriminator d = new DualDiscriminator(cfg.discriminator(o, RES), Params.initialize(m.newSubManager(), 4));
            R1Gradients r1 = new R1Gradients(m);
            Eg3dLoss loss = new Eg3dLoss(g, d, cfg.loss(o, RES), r1);
            loss.setDeterministicRendering(true);
            return new Nets(g, d, loss, r1);
        }

        @Override
        public void close() {
            g.close();
            d.close();
            r1.close();
        }
    }

    /** Rank r's draws, all from a host generator seeded by r, so two runs of a rank draw alike. */
    private static TrainingDraws seeded(int rank) {
        return TrainingDraws.host(new Random(100 + rank));
    }

    private static NDArray gaussian(NDManager manager, Shape shape, Random r) {
        float[] x = new float[(int) shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Owned.of(manager.create(x, shape));      // engine-owned: the graph may outlive the Java array
    }

    private record Inputs(NDArray realImg, NDArray realC, NDArray genZ, NDArray genC) {
        static Inputs of(NDManager m, int zDim) {
            Random r = new Random(5);
            float[] cams = new float[BATCH * 25];
            for (int b = 0; b < BATCH; b++) {     // identity-ish extrinsics at radius 2.7 and a 18.8° lens
                float[] pose = {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 2.7f, 0, 0, 0, 1, 4.26f, 0, 0.5f, 0, 4.26f, 0.5f, 0, 0, 1};
                System.arraycopy(pose, 0, cams, b * 25, 25);
            }
            NDArray c = m.create(cams, new Shape(BATCH, 25));
            return new Inputs(gaussian(m, new Shape(BATCH, 3, RES, RES), r).tanh(), c,
                    gaussian(m, new Shape(BATCH, zDim), r), c.duplicate());
        }

        Inputs rows(int from, int to) {
            String i = from + ":" + to;
            return new Inputs(realImg.get(i), realC.get(i), genZ.get(i), genC.get(i));
        }
    }

    private static Map<String, NDArray> grads(DataParallel dp, Phase phase, Inputs in, int[] rankSeeds, NDManager out) {
        return dp.gradients(phase, in.realImg(), in.realC(), in.genZ(), in.genC(), 1, 1_000_000,
                r -> seeded(rankSeeds[r]), out).grads();
    }

    @Test
    void twoRanksAverageTheirSlicesGradients() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Nets nets = Nets.create(m)) {
            Inputs in = Inputs.of(m, nets.g().getConfig().zDim());
            for (Phase phase : Phase.values()) {
                Map<String, NDArray> parallel, first, second;
                try (DataParallel two = new DataParallel(nets.g(), nets.d(), nets.loss(), List.of(Device.cpu(), Device.cpu()), 0)) {
                    parallel = grads(two, phase, in, new int[] {0, 1}, m);
                }
                DataParallel one = new DataParallel(nets.g(), nets.d(), nets.loss(), List.of(Device.cpu()), 0);
                first = grads(one, phase, in.rows(0, 2), new int[] {0}, m);
                second = grads(one, phase, in.rows(2, 4), new int[] {1}, m);
                assertEquals(first.keySet(), parallel.keySet(), phase + ": the same parameters get gradients");
                assertTrue(parallel.size() > 10, phase + ": " + parallel.keySet());
                for (String k : parallel.keySet()) {
                    float[] expected = first.get(k).add(second.get(k)).div(2f).toFloatArray();
                    assertClose(expected, parallel.get(k).toFloatArray(), phase + " " + k);
                }
            }
        }
    }

    @Test
    void ranksInThreadsGiveWhatRanksInTurnGive() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Nets nets = Nets.create(m)) {
            Inputs in = Inputs.of(m, nets.g().getConfig().zDim());
            List<Device> two = List.of(Device.cpu(), Device.cpu());
            try (DataParallel inTurn = new DataParallel(nets.g(), nets.d(), nets.loss(), two, 0, false);
                    DataParallel threaded = new DataParallel(nets.g(), nets.d(), nets.loss(), two, 0, true)) {
                for (Phase phase : Phase.values()) {
                    Map<String, NDArray> a = grads(inTurn, phase, in, new int[] {0, 1}, m);
                    Map<String, NDArray> b = grads(threaded, phase, in, new int[] {0, 1}, m);
                    assertEquals(a.keySet(), b.keySet(), phase.toString());
                    for (String k : a.keySet()) {
                        assertClose(a.get(k).toFloatArray(), b.get(k).toFloatArray(), phase + " " + k);
                    }
                }
            }
        }
    }

    @Test
    void roundsOfBatchGpuAddUp() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Nets nets = Nets.create(m)) {
            Inputs in = Inputs.of(m, nets.g().getConfig().zDim());
            DataParallel rounds = new DataParallel(nets.g(), nets.d(), nets.loss(), List.of(Device.cpu()), 2);
            DataParallel whole = new DataParallel(nets.g(), nets.d(), nets.loss(), List.of(Device.cpu()), 0);
            for (Phase phase : new Phase[] {Phase.GMAIN, Phase.DREG}) {
                // One draw stream for both rounds, as for one rank: replay it for each half.
                Map<String, NDArray> accumulated = grads(rounds, phase, in, new int[] {0}, m);
                TrainingDraws draws = seeded(0);
                Map<String, NDArray> a = whole.gradients(phase, in.rows(0, 2).realImg(), in.rows(0, 2).realC(),
                        in.rows(0, 2).genZ(), in.rows(0, 2).genC(), 1, 1_000_000, r -> draws, m).grads();
                Map<String, NDArray> b = whole.gradients(phase, in.rows(2, 4).realImg(), in.rows(2, 4).realC(),
                        in.rows(2, 4).genZ(), in.rows(2, 4).genC(), 1, 1_000_000, r -> draws, m).grads();
                for (String k : accumulated.keySet()) {
                    assertClose(a.get(k).add(b.get(k)).toFloatArray(), accumulated.get(k).toFloatArray(), phase + " " + k);
                }
            }
        }
    }

    @Test
    void replicasTakeTheSteppedParameters() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Nets nets = Nets.create(m);
                DataParallel two = new DataParallel(nets.g(), nets.d(), nets.loss(), List.of(Device.cpu(), Device.cpu()), 0)) {
            String key = "backbone.synthesis.b4.conv1.weight";
            NDArray master = nets.g().getParams().get(key);
            NDArray replica = two.generator(1).getParams().get(key);
            assertArrayEquals(master.toFloatArray(), replica.toFloatArray(), "a replica starts as a copy");
            master.addi(1f);
            two.broadcast(false);
            assertTrue(master.sub(replica).abs().max().getFloat() > 0.5f, "broadcasting D leaves G's replica alone");
            two.broadcast(true);
            assertArrayEquals(master.toFloatArray(), replica.toFloatArray(), "after the step, the replica holds rank 0's values");
            master.addi(1f);
            assertTrue(master.sub(replica).abs().max().getFloat() > 0.5f, "a copy, not an alias");
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0, worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= 1e-5 * scale + 1e-12, what + ": max |Δ| " + worst + " of max " + scale);
    }
}
