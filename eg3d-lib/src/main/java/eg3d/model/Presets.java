package eg3d.model;

import eg3d.nn.NoiseMode;
import eg3d.render.PlaneProjection;
import eg3d.render.RenderingOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named architectures. The official ones reproduce the configs NVlabs' {@code train.py} builds
 * for the released checkpoints; their state_dict keys and shapes equal the official ones exactly
 * (a test checks them against the fixtures). {@code nano} is ours: small enough to train and
 * render on a laptop CPU.
 *
 * <pre>
 * name                    image  nrr  SR head     samples  G params  D params
 * ffhq512-64              512    64   8X DC       48+48    30.7 M    31.4 M
 * ffhq512-128             512    128  8X DC       48+48    30.7 M    31.4 M
 * ffhqrebalanced512-128   512    128  8X DC       48+48    30.7 M    31.4 M
 * afhqcats512-128         512    128  8X DC       48+48    30.7 M    31.4 M
 * shapenetcars128-64      128    64   2X          64+64    ~29 M     ~29 M
 * nano                    64     32   2X (small)  16+16    ~0.9 M    ~0.3 M
 * </pre>
 */
public final class Presets {
    /** A generator and a discriminator that belong together. */
    public record Preset(String name, GeneratorConfig generator, DiscriminatorConfig discriminator) {}

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    static {
        double[] ffhqPivot = {0, 0, 0.2};
        add("ffhq512-64", official(512, 64, SuperResolution.Kind.HYBRID_8X_DC, 48, 2.25, 3.3, 1, false, false, 2.7, ffhqPivot));
        add("ffhq512-128", official(512, 128, SuperResolution.Kind.HYBRID_8X_DC, 48, 2.25, 3.3, 1, false, false, 2.7, ffhqPivot));
        add("ffhqrebalanced512-128", official(512, 128, SuperResolution.Kind.HYBRID_8X_DC, 48, 2.25, 3.3, 1, false, false, 2.7, ffhqPivot));
        add("afhqcats512-128", official(512, 128, SuperResolution.Kind.HYBRID_8X_DC, 48, 2.25, 3.3, 1, false, false, 2.7,
                new double[] {0, 0, -0.06}));
        add("shapenetcars128-64", official(128, 64, SuperResolution.Kind.HYBRID_2X, 64, 0.1, 2.6, 1.6, true, true, 1.7,
                new double[] {0, 0, 0}));
        GeneratorConfig nano = new GeneratorConfig(64, 128, 25, 64, 2, 1024, 64, -1f, 256f,
                64, 16, 32, 16,
                null, 32, List.of(new SuperResolution.BlockSpec(32, 32, true), new SuperResolution.BlockSpec(16, 64, false)),
                32, 1.0, false,
                new RenderingOptions(16, 16, 2.25, 3.3, 1, false, 1, PlaneProjection.OFFICIAL, 0, NoiseMode.NONE),
                2.7, new double[] {0, 0, 0.2});
        PRESETS.put("nano", new Preset("nano", nano, new DiscriminatorConfig(25, 64, 1024, 64, 256f, 4, 2, 0)));
    }

    private Presets() {}

    private static void add(String name, GeneratorConfig g) {
        PRESETS.put(name, new Preset(name, g, new DiscriminatorConfig(25, g.imgResolution(), 32768, 512, 256f, 4, 8, 0)));
    }

    private static GeneratorConfig official(int img, int nrr, SuperResolution.Kind sr, int samples, double rayStart,
            double rayEnd, double boxWarp, boolean whiteBack, boolean cZero, double radius, double[] pivot) {
        return new GeneratorConfig(512, 512, 25, img, 2, 32768, 512, -1f, 256f, 256, 32, 64, 32,
                sr, sr.inputResolution(), sr.blocks(), nrr, 1.0, cZero,
                new RenderingOptions(samples, samples, rayStart, rayEnd, boxWarp, whiteBack, 1, PlaneProjection.OFFICIAL, 0,
                        NoiseMode.NONE),
                radius, pivot);
    }

    /** The preset called {@code name}; the error lists the known names. */
    public static Preset get(String name) {
        Preset p = PRESETS.get(name);
        if (p == null) {
            throw new IllegalArgumentException("preset '" + name + "': expected one of " + String.join(", ", PRESETS.keySet()));
        }
        return p;
    }

    public static Set<String> names() {
        return PRESETS.keySet();
    }
}
