package eg3d.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eg3d.io.NpzFile;
import eg3d.model.DiscriminatorConfig;
import eg3d.model.DualDiscriminator;
import eg3d.model.Generated;
import eg3d.model.GeneratorConfig;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.nn.Params;
import eg3d.render.Trace;
import eg3d.render.TriPlanes;
import eg3d.shape.ShapeSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Replays a fixture directory ({@code config.json}, {@code weights.npz}, {@code d_weights.npz},
 * {@code io.npz}, {@code io_nrr*.npz}, {@code shape.npz}) and compares every recorded key that the
 * port can compute. Keys absent from the fixture are skipped and listed; a missing final output
 * ({@code ws}, {@code image}, {@code image_raw}, {@code image_depth}, {@code d_logits}) fails.
 */
public final class Parity {
    public static final List<String> FINAL_OUTPUTS = List.of("ws", "image", "image_raw", "image_depth", "d_logits");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One compared key. */
    public record KeyResult(String file, String key, double error, Tolerance tolerance, boolean pass) {}

    /** Everything a replay found. */
    public record Report(List<KeyResult> results, List<String> skipped, List<String> missingFinal) {
        public boolean passed() {
            return missingFinal.isEmpty() && !results.isEmpty() && results.stream().allMatch(KeyResult::pass);
        }

        public @Nullable KeyResult get(String file, String key) {
            return results.stream().filter(r -> r.file.equals(file) && r.key.equals(key)).findFirst().orElse(null);
        }
    }

    /** How the generator and discriminator weights reach the replay (npz by default, or a network file). */
    public interface NetworkLoader {
        /** Returns {G params, D params or null} for the given configs, owned by manager. */
        Params[] load(NDManager manager, GeneratorConfig g, @Nullable DiscriminatorConfig d);
    }

    private final Path dir;
    private final Consumer<KeyResult> listener;
    private final List<KeyResult> results = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private Parity(Path dir, Consumer<KeyResult> listener) {
        this.dir = dir;
        this.listener = listener;
    }

    /** Replays {@code dir}; {@code loader} null means {@code weights.npz} and {@code d_weights.npz}. */
    public static Report run(Path dir, @Nullable NetworkLoader loader, Consumer<KeyResult> listener) {
        return new Parity(dir, listener).replay(loader);
    }

    private Report replay(@Nullable NetworkLoader loader) {
        JsonNode config = readJson(dir.resolve("config.json"));
        JsonNode gKwargs = config.has("G_init_kwargs") ? config.get("G_init_kwargs") : config.get("G_kwargs");
        if (gKwargs == null) {
            throw new IllegalArgumentException(dir.resolve("config.json") + ": missing field 'G_init_kwargs' (or 'G_kwargs')");
        }
        int nrr = config.path("neural_rendering_resolution").asInt(64);
        GeneratorConfig gConfig = GeneratorConfig.fromOfficialKwargs(gKwargs, nrr, dir.resolve("config.json").toString());
        JsonNode dKwargs = config.has("D_init_kwargs") ? config.get("D_init_kwargs") : config.get("D_kwargs");
        DiscriminatorConfig dConfig = dKwargs == null ? null : DiscriminatorConfig.fromOfficialKwargs(dKwargs, gConfig.imgResolution());
        List<String> missingFinal = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Params[] weights = loader != null ? loader.load(manager, gConfig, dConfig) : loadNpz(manager, dConfig);
            TriPlaneGenerator g = new TriPlaneGenerator(gConfig, weights[0]);
            DualDiscriminator d = weights[1] == null ? null : new DualDiscriminator(dConfig, weights[1]);
            Path io = dir.resolve("io.npz");
            if (!Files.isRegularFile(io)) {
                throw new IllegalArgumentException(io + ": missing; a fixture directory needs io.npz (cases A and B)");
            }
            try (NDManager m = manager.newSubManager()) {
                Map<String, NDArray> ref = NpzFile.read(m, io);
                for (String k : FINAL_OUTPUTS) {
                    if (!ref.containsKey(k)) {
                        missingFinal.add("io.npz:" + k);
                    }
                }
                if (d == null && ref.containsKey("d_logits")) {
                    missingFinal.add("d_weights.npz (needed for d_logits)");
                }
                caseA(m, g, d, ref);
                caseB(m, g, d, ref);
            }
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().matches("io_nrr\\d+\\.npz")).sorted().toList()) {
                    try (NDManager m = manager.newSubManager()) {
                        nrrCase(m, g, d, p, io);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path shape = dir.resolve("shape.npz");
            if (Files.isRegularFile(shape)) {
                try (NDManager m = manager.newSubManager()) {
                    shapeCase(m, g, shape);
                }
            } else {
                skipped.add("shape.npz (absent)");
            }
        }
        return new Report(results, skipped, missingFinal);
    }

    private Params[] loadNpz(NDManager manager, @Nullable DiscriminatorConfig dConfig) {
        Params g = Params.loadNpz(manager.newSubManager(), dir.resolve("weights.npz"));
        Path dw = dir.resolve("d_weights.npz");
        Params d = dConfig != null && Files.isRegularFile(dw) ? Params.loadNpz(manager.newSubManager(), dw) : null;
        return new Params[] {g, d};
    }

    private void caseA(NDManager m, TriPlaneGenerator g, @Nullable DualDiscriminator d, Map<String, NDArray> ref) {
        String f = "io.npz";
        NDArray z = need(ref, "z"), c = need(ref, "c"), cCond = need(ref, "c_cond");
        float psi = ref.containsKey("truncation_psi") ? ref.get("truncation_psi").toType(DataType.FLOAT32, false).getFloat() : 0.7f;
        Integer cutoff = ref.containsKey("truncation_cutoff") ? (int) ref.get("truncation_cutoff").toType(DataType.INT64, false).getLong() : 14;
        compare(f, ref, "ws", () -> g.mapping(z, cCond, psi, cutoff));
        compare(f, ref, "ws_psi1", () -> g.mapping(z, cCond, 1f, null));
        compare(f, ref, "ws_psi07_cut8", () -> g.mapping(z, cCond, 0.7f, 8));
        compare(f, ref, "ws_psi05_cutNone", () -> g.mapping(z, cCond, 0.5f, null));
        compare(f, ref, "ws_same_c", () -> g.mapping(z, c, 0.7f, 14));
        NDArray ws = ref.containsKey("ws") ? ref.get("ws") : g.mapping(z, cCond, psi, cutoff);
        try (eg3d.nn.Scope scope = eg3d.nn.Scope.open(m, g.getParams().all())) {
            for (Map.Entry<String, java.util.function.Supplier<NDArray>> e : new StageReplay(g, ref, scope.manager()).stages().entrySet()) {
                compare(f, ref, e.getKey(), e.getValue());
            }
        }
        RenderSpec spec = RenderSpec.reproducible();
        try (Generated out = g.synthesis(ws, c, spec)) {
            compare(f, ref, "image", out::getImage);
            compare(f, ref, "image_raw", out::getImageRaw);
            compare(f, ref, "image_depth", out::getImageDepth);
            if (d != null) {
                NDArray input = DualDiscriminator.dualInput(out.getImage(), out.getImageRaw());
                compare(f, ref, "d_input", () -> input);
                compare(f, ref, "d_logits", () -> d.forward(out.getImage(), out.getImageRaw(), c));
            }
        }
        if (ref.containsKey("planes")) {
            try (TriPlanes planes = new TriPlanes(ref.get("planes"))) {
                probes(f, ref, g, planes);
            }
        } else {
            try (TriPlanes planes = g.planes(ws, NoiseMode.CONST)) {
                probes(f, ref, g, planes);
            }
        }
        if (ref.containsKey("psi1_image")) {
            try (NDArray ws1 = g.mapping(z, cCond, 1f, null); Generated out = g.synthesis(ws1, c, spec)) {
                compare(f, ref, "psi1_image", out::getImage);
                compare(f, ref, "psi1_image_raw", out::getImageRaw);
                compare(f, ref, "psi1_image_depth", out::getImageDepth);
            }
        }
        if (ref.containsKey("image_forward_same_c")) {
            try (Generated out = g.generate(z, c, 0.7f, 14, spec)) {
                compare(f, ref, "image_forward_same_c", out::getImage);
            }
        }
        if (ref.containsKey("aa_down_out") && ref.containsKey("image")) {
            int size = (int) ref.get("aa_down_out").getShape().get(3);
            compare(f, ref, "aa_down_out", () -> eg3d.model.FilteredResizing.antialiased(ref.get("image"), size));
        }
    }

    private void probes(String f, Map<String, NDArray> ref, TriPlaneGenerator g, TriPlanes planes) {
        if (!ref.containsKey("probe_coords")) {
            skipped.add(f + ":probe_* (absent)");
            return;
        }
        NDArray coords = ref.get("probe_coords");
        compare(f, ref, "probe_features", () -> eg3d.render.TriPlaneSampler.sample(planes, coords,
                g.getConfig().rendering().boxWarp(), g.getConfig().rendering().projection()));
        NDArray[] out = g.sampleFromPlanes(planes, coords);
        compare(f, ref, "probe_sigma", () -> out[0]);
        compare(f, ref, "probe_rgb", () -> out[1]);
    }

    private void caseB(NDManager m, TriPlaneGenerator g, @Nullable DualDiscriminator d, Map<String, NDArray> ref) {
        if (!ref.containsKey("b_z")) {
            skipped.add("io.npz:b_* (case B absent)");
            return;
        }
        String f = "io.npz";
        NDArray z = ref.get("b_z"), c = ref.get("b_c");
        compare(f, ref, "b_ws", () -> g.mapping(z, c, 1f, null));
        try (Generated out = g.generate(z, c, 1f, null, RenderSpec.reproducible())) {
            compare(f, ref, "b_image", out::getImage);
            compare(f, ref, "b_image_raw", out::getImageRaw);
            compare(f, ref, "b_image_depth", out::getImageDepth);
            if (d != null) {
                compare(f, ref, "b_d_input", () -> DualDiscriminator.dualInput(out.getImage(), out.getImageRaw()));
                compare(f, ref, "b_d_logits", () -> d.forward(out.getImage(), out.getImageRaw(), c));
            }
        }
    }

    /**
     * The SR path at another rendering resolution. When io.npz holds the planes of the same ws,
     * rendering starts from them (teacher forcing, as for the stages of case A): this case tests
     * the renderer and SR head, and case A already tests the backbone.
     */
    private void nrrCase(NDManager m, TriPlaneGenerator g, @Nullable DualDiscriminator d, Path file, Path io) {
        String f = file.getFileName().toString();
        Map<String, NDArray> ref = NpzFile.read(m, file);
        int nrr = (int) need(ref, "neural_rendering_resolution").toType(DataType.INT64, false).getLong();
        NDArray ws = need(ref, "ws"), c = need(ref, "c");
        Map<String, float[]> traced = new LinkedHashMap<>();
        Trace trace = (key, value) -> {
            if (key.equals("feature_image")) {
                traced.put(key, value.get().toFloatArray());
            }
        };
        TriPlanes planes = null;
        Map<String, NDArray> caseA = NpzFile.read(m, io);
        if (caseA.containsKey("planes") && caseA.containsKey("ws")
                && java.util.Arrays.equals(caseA.get("ws").toFloatArray(), ws.toFloatArray())) {
            planes = new TriPlanes(caseA.get("planes"));
        } else {
            planes = g.planes(ws, NoiseMode.CONST);
        }
        try (TriPlanes p = planes; Generated out = g.render(p, ws, c, RenderSpec.reproducible().withResolution(nrr), trace)) {
            compareValues(f, ref, "feature_image", traced.get("feature_image"));
            compare(f, ref, "image", out::getImage);
            compare(f, ref, "image_raw", out::getImageRaw);
            compare(f, ref, "image_depth", out::getImageDepth);
            if (d != null) {
                compare(f, ref, "d_input", () -> DualDiscriminator.dualInput(out.getImage(), out.getImageRaw()));
                compare(f, ref, "d_logits", () -> d.forward(out.getImage(), out.getImageRaw(), c));
            }
        }
    }

    private void shapeCase(NDManager m, TriPlaneGenerator g, Path file) {
        String f = file.getFileName().toString();
        Map<String, NDArray> ref = NpzFile.read(m, file);
        int res = (int) need(ref, "shape_res").toType(DataType.INT64, false).getLong();
        NDArray ws = need(ref, "ws");
        ShapeSampler sampler = new ShapeSampler(res, g.getConfig().rendering().boxWarp());
        compare(f, ref, "sample_coords", () -> m.create(sampler.coordinates(), new Shape(1, (long) res * res * res, 3)));
        try (TriPlanes planes = g.planes(ws, NoiseMode.CONST)) {
            ShapeSampler.Volume v = sampler.sample(g, planes, 1 << 18, ref.containsKey("rgb_raw"));
            compareValues(f, ref, "sigma_raw", v.sigmaRaw());
            compareValues(f, ref, "sigma_final", v.sigmaFinal());
            if (ref.containsKey("rgb_raw") && v.rgbRaw() != null) {
                compareValues(f, ref, "rgb_raw", v.rgbRaw());
            }
        }
    }

    private static NDArray need(Map<String, NDArray> ref, String key) {
        NDArray a = ref.get(key);
        if (a == null) {
            throw new IllegalArgumentException("fixture is missing the input '" + key + "'");
        }
        return a;
    }

    private void compare(String file, Map<String, NDArray> ref, String key, java.util.function.Supplier<NDArray> actual) {
        if (!ref.containsKey(key)) {
            skipped.add(file + ":" + key);
            return;
        }
        NDArray a = actual.get();
        if (!a.getShape().equals(ref.get(key).getShape())) {
            fail(file, key, "shape " + a.getShape() + " vs reference " + ref.get(key).getShape());
            return;
        }
        compareValues(file, ref, key, a.toFloatArray());
    }

    private void compareValues(String file, Map<String, NDArray> ref, String key, float @Nullable [] actual) {
        if (!ref.containsKey(key) || actual == null) {
            skipped.add(file + ":" + key);
            return;
        }
        float[] expected = ref.get(key).toType(DataType.FLOAT32, false).toFloatArray();
        if (expected.length != actual.length) {
            fail(file, key, actual.length + " values vs reference " + expected.length);
            return;
        }
        dump(file, key, actual);
        Tolerance t = Tolerance.forKey(key);
        double err = t.error(actual, expected);
        KeyResult r = new KeyResult(file, key, err, t, err <= t.limit());
        results.add(r);
        listener.accept(r);
    }

    /** With EG3D_PARITY_DUMP=DIR, writes each computed key as raw little-endian float32 for offline study. */
    private static void dump(String file, String key, float[] values) {
        String dir = System.getenv("EG3D_PARITY_DUMP");
        if (dir == null) {
            return;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, file.replace(".npz", "") + "." + key + ".f32"), b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fail(String file, String key, String why) {
        KeyResult r = new KeyResult(file, key, Double.POSITIVE_INFINITY, Tolerance.forKey(key), false);
        results.add(r);
        listener.accept(r);
        skipped.add(file + ":" + key + " (" + why + ")");
    }

    private static JsonNode readJson(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(p + ": missing; a fixture directory needs config.json");
        }
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(p + ": not valid JSON: " + e.getMessage(), e);
        }
    }

}
