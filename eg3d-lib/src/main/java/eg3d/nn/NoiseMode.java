package eg3d.nn;

/** Per-pixel noise of the synthesis layers: fresh draws, the stored buffer, or none. */
public enum NoiseMode {
    RANDOM("random"), CONST("const"), NONE("none");

    private final String official;

    NoiseMode(String official) {
        this.official = official;
    }

    /** The spelling used by the official scripts and configs. */
    public String official() {
        return official;
    }

    /** Parses the official spelling ("random", "const", "none"), case-insensitively. */
    public static NoiseMode parse(String s) {
        for (NoiseMode m : values()) {
            if (m.official.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("noise mode '" + s + "': expected one of random, const, none");
    }
}
