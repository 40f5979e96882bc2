package eg3d.data.synth;

import java.util.Locale;
import java.util.Random;

/** The parametric object families {@code ./eg3d synth} can draw from. */
public enum SceneFamily {
    /** Composite-ellipsoid heads, textured, seen from frontal-ish cameras as in FFHQ. */
    HEADS("heads"),
    /** Boxes and wheels, seen from all around the upper hemisphere as in ShapeNet cars. */
    CARS("cars");

    private final String officialName;

    SceneFamily(String officialName) {
        this.officialName = officialName;
    }

    /** The CLI and JSON spelling. */
    public String officialName() {
        return officialName;
    }

    public static SceneFamily parse(String name) {
        for (SceneFamily f : values()) {
            if (f.officialName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("--scene: unknown family '" + name + "'; choose heads or cars");
    }

    /** Object and camera {@code index} of the dataset made with {@code seed}; the same pair always gives the same scene. */
    public Scene sample(long seed, int index) {
        Random random = new Random(mix(seed, index));
        return this == HEADS ? Heads.sample(random) : Cars.sample(random);
    }

    // Decorrelates neighbouring (seed, index) pairs before java.util.Random's weak seeding.
    private static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
