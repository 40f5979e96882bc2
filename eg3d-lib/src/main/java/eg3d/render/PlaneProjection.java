package eg3d.render;

/**
 * Which two coordinates each tri-plane sees.
 *
 * <p>{@link #OFFICIAL} is what every released checkpoint was trained with: plane 0 takes (x, y),
 * plane 1 (x, z) and plane 2 (z, x), so no plane sees (y, z). {@link #CORRECTED} gives plane 2
 * (y, z), for new models only.
 */
public enum PlaneProjection {
    OFFICIAL, CORRECTED;

    /** Indices into (x, y, z) of the two coordinates plane {@code p} takes, as (column, row). */
    int[] axes(int p) {
        switch (p) {
            case 0: return new int[] {0, 1};
            case 1: return new int[] {0, 2};
            default: return this == OFFICIAL ? new int[] {2, 0} : new int[] {1, 2};
        }
    }
}
