package eg3d.train;

/** The density regularisers of the official {@code reg_type}. */
public enum RegType {
    /** |σ(x) − σ(x + ε)| at random points, ε ~ N(0, p_dist²). */
    L1("l1"),
    /** l1, plus a monotonic term relu(σ_front.detach() − σ_behind) along −z. */
    MONOTONIC_DETACH("monotonic-detach"),
    /** As monotonic-detach without the detach. */
    MONOTONIC_FIXED("monotonic-fixed");

    private final String official;

    RegType(String official) {
        this.official = official;
    }

    public String official() {
        return official;
    }

    public static RegType parse(String s) {
        for (RegType t : values()) {
            if (t.official.equalsIgnoreCase(s) || t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("reg_type '" + s + "': expected one of l1, monotonic-detach, monotonic-fixed");
    }
}
