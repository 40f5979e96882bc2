package eg3d.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import eg3d.model.GeneratorConfig;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.render.ImportanceRenderer;
import eg3d.render.ImportanceSampler;
import eg3d.render.RayMarcher;
import eg3d.render.RaySampler;
import eg3d.render.RenderingOptions;
import eg3d.render.TriPlanes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each renderer stage replayed from the reference's own inputs (teacher forcing), so the error
 * reported for a key is that stage's alone rather than the accumulation of everything upstream.
 * A stage whose inputs the fixture lacks is skipped.
 */
final class StageReplay {
    private final TriPlaneGenerator g;
    private final Map<String, NDArray> ref;
    private final NDManager m;
    private final Map<String, Supplier<NDArray>> stages = new LinkedHashMap<>();

    StageReplay(TriPlaneGenerator g, Map<String, NDArray> ref, NDManager m) {
        this.g = g;
        this.ref = ref;
        this.m = m;
        define();
    }

    /** The stage keys in pipeline order, each with the computation that produces it. */
    Map<String, Supplier<NDArray>> stages() {
        return stages;
    }

    private boolean has(String... keys) {
        for (String k : keys) {
            if (!ref.containsKey(k)) {
                return false;
            }
        }
        return true;
    }

    private void define() {
        GeneratorConfig cfg = g.getConfig();
        RenderingOptions opt = cfg.rendering();
        int nrr = ref.containsKey("image_raw") ? (int) ref.get("image_raw").getShape().get(3) : cfg.neuralRenderingResolution();
        if (has("ws")) {
            stages.put("planes", () -> g.planes(ref.get("ws"), NoiseMode.CONST).getPlanes());
        }
        if (has("c")) {
            stages.put("ray_origins", () -> RaySampler.sample(ref.get("c"), nrr)[0]);
            stages.put("ray_directions", () -> RaySampler.sample(ref.get("c"), nrr)[1]);
            stages.put("depths_coarse", () -> ImportanceRenderer.stratified(m, 1, (long) nrr * nrr, opt, true)
                    .broadcast(ref.get("c").getShape().get(0), (long) nrr * nrr, opt.depthResolution(), 1));
        }
        if (has("planes", "ray_origins", "ray_directions", "depths_coarse")) {
            stages.put("sigma_coarse", () -> decode("depths_coarse")[0]);
            stages.put("rgb_coarse", () -> decode("depths_coarse")[1]);
        }
        if (has("rgb_coarse", "sigma_coarse", "depths_coarse")) {
            stages.put("march_coarse_rgb", () -> marchCoarse().rgb());
            stages.put("march_coarse_depth", () -> clamp(marchCoarse().depth(), ref.get("depths_coarse")));
            stages.put("march_coarse_weights", () -> marchCoarse().weights());
        }
        if (has("depths_coarse", "march_coarse_weights")) {
            stages.put("depths_fine", () -> ImportanceSampler.sample(ref.get("depths_coarse"), ref.get("march_coarse_weights"),
                    opt.depthResolutionImportance(), true));
        }
        if (has("planes", "ray_origins", "ray_directions", "depths_fine")) {
            stages.put("sigma_fine", () -> decode("depths_fine")[0]);
            stages.put("rgb_fine", () -> decode("depths_fine")[1]);
        }
        if (has("depths_coarse", "depths_fine")) {
            stages.put("all_depths_sorted", () -> ref.get("depths_coarse").concat(ref.get("depths_fine"), 2).sort(2));
        }
        if (has("depths_coarse", "depths_fine", "rgb_coarse", "rgb_fine", "sigma_coarse", "sigma_fine")) {
            stages.put("march_final_rgb", () -> marchFinal().rgb());
            stages.put("march_final_depth", () -> clamp(marchFinal().depth(), ref.get("all_depths_sorted")));
            stages.put("march_final_weights", () -> marchFinal().weights());
        }
        if (has("march_final_weights")) {
            stages.put("weights_sum", () -> ref.get("march_final_weights").sum(new int[] {2}));
        }
        if (has("feature_samples")) {
            stages.put("feature_image", () -> {
                NDArray f = ref.get("feature_samples");
                return f.transpose(0, 2, 1).reshape(f.getShape().get(0), -1, nrr, nrr);
            });
        }
        if (has("feature_image", "ws")) {
            for (String k : new String[] {"sr_ws", "sr_block0_in_x", "sr_block0_in_img", "sr_block0_out_x", "sr_block0_out_img"}) {
                stages.put(k, () -> superResolve().get(k));
            }
            stages.put("sr_in_rgb", () -> ref.get("feature_image").get(":, :3"));
        }
    }

    private Map<String, NDArray> srTrace;

    private Map<String, NDArray> superResolve() {
        if (srTrace == null) {
            srTrace = new LinkedHashMap<>();
            NDArray fi = ref.get("feature_image");
            g.superResolve(fi.get(":, :3"), fi, ref.get("ws"), (key, value) -> {
                NDArray v = value.get();
                srTrace.put(key, m.create(v.toFloatArray(), v.getShape()));   // copied out of the call's scope
            });
        }
        return srTrace;
    }

    private NDArray[] decode(String depthsKey) {
        NDArray planes = ref.get("planes");
        TriPlanes tp = new TriPlanes(planes);
        NDArray origins = ref.get("ray_origins"), dirs = ref.get("ray_directions"), depths = ref.get(depthsKey);
        long n = origins.getShape().get(0);
        NDArray[] out = ImportanceRenderer.runModel(tp, g.getDecoder(), origins, dirs, depths, g.getConfig().rendering());
        return new NDArray[] {out[0].reshape(n, -1, 1), out[1].reshape(n, -1, out[1].getShape().get(3))};
    }

    private RayMarcher.Result coarse;

    private RayMarcher.Result marchCoarse() {
        if (coarse == null) {
            NDArray d = ref.get("depths_coarse");
            long n = d.getShape().get(0), r = d.getShape().get(1), s = d.getShape().get(2);
            coarse = RayMarcher.march(ref.get("rgb_coarse").reshape(n, r, s, -1), ref.get("sigma_coarse").reshape(n, r, s, 1), d,
                    g.getConfig().rendering().whiteBack());
        }
        return coarse;
    }

    private RayMarcher.Result fine;

    private RayMarcher.Result marchFinal() {
        if (fine == null) {
            NDArray dc = ref.get("depths_coarse"), df = ref.get("depths_fine");
            long n = dc.getShape().get(0), r = dc.getShape().get(1);
            long sc = dc.getShape().get(2), sf = df.getShape().get(2);
            NDArray[] merged = ImportanceRenderer.unifySamples(dc, ref.get("rgb_coarse").reshape(n, r, sc, -1),
                    ref.get("sigma_coarse").reshape(n, r, sc, 1), df, ref.get("rgb_fine").reshape(n, r, sf, -1),
                    ref.get("sigma_fine").reshape(n, r, sf, 1));
            fine = RayMarcher.march(merged[1], merged[2], merged[0], g.getConfig().rendering().whiteBack());
        }
        return fine;
    }

    private static NDArray clamp(NDArray depth, NDArray allDepths) {
        return RayMarcher.clampDepth(depth, allDepths.min().getFloat(), allDepths.max().getFloat());
    }
}
