package eg3d.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.model.Presets;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Params;
import eg3d.render.*;
import org.junit.jupiter.api.Test;

class RenderProfileTest {
    static long t() { return System.nanoTime(); }

    @Test
    void profile() {
        try (NDManager m = NDManager.newBaseManager()) {
            var cfg = Presets.get("ffhq512-128").generator();
            TriPlaneGenerator g = new TriPlaneGenerator(cfg, Params.initialize(m.newSubManager(), 0));
            TriPlanes planes = new TriPlanes(m.randomNormal(new Shape(1, 3, 32, 256, 256)));
            RenderingOptions opt = cfg.rendering();
            for (int rep = 0; rep < 3; rep++) {
                try (NDManager s = m.newSubManager()) {
                    s.tempAttachAll(g.getParams().all());
                    s.tempAttachAll(planes.arrays());
                    NDArray c = s.create(eg3d.camera.LookAtPoseSampler.camera(Math.PI / 2, Math.PI / 2, new double[] {0, 0, 0.2}, 2.7, 18.837).toArray(), new Shape(1, 25));
                    long a = t();
                    NDArray[] rays = RaySampler.sample(c, 64);                  // 4096 rays = one chunk
                    long b = t();
                    NDArray depths = ImportanceRenderer.stratified(s, 1, 4096, opt, true);
                    NDArray pts = rays[0].expandDims(2).add(depths.mul(rays[1].expandDims(2))).reshape(1, -1, 3);
                    long c0 = t();
                    NDArray feats = TriPlaneSampler.sample(planes, pts, 1, PlaneProjection.OFFICIAL);
                    feats.toFloatArray();
                    long d = t();
                    NDArray[] dec = g.getDecoder().forward(feats);
                    dec[0].toFloatArray();
                    long e = t();
                    RayMarcher.Result r = RayMarcher.march(dec[1].reshape(1, 4096, 48, -1), dec[0].reshape(1, 4096, 48, 1), depths, false);
                    r.rgb().toFloatArray();
                    long f = t();
                    NDArray fine = ImportanceSampler.sample(depths, r.weights(), 48, true);
                    fine.toFloatArray();
                    long h = t();
                    NDArray all = depths.concat(fine, 2);
                    NDArray order = all.argSort(2);
                    NDArray colors = dec[1].reshape(1, 4096, 48, -1).concat(dec[1].reshape(1, 4096, 48, -1), 2).gather(order.repeat(3, 32), 2);
                    colors.toFloatArray();
                    long i = t();
                    System.out.printf("rays %.0f sample %.0f decode %.0f march %.0f importance %.0f sort+gather %.0f ms (per 4096-ray chunk pass)%n",
                        (b - a) / 1e6, (d - c0) / 1e6, (e - d) / 1e6, (f - e) / 1e6, (h - f) / 1e6, (i - h) / 1e6);
                }
            }
        }
    }
}
