package eg3d.media;

/**
 * Colour maps for scalar fields (density slices, depth). Viridis is the default because it stays
 * readable in greyscale print and for colour-blind readers, unlike a rainbow map.
 */
public enum Colormap {
    /** Black (low) to white (high). */
    GREY(new int[] {0x000000, 0xFFFFFF}),
    /** Dark purple (low) through teal to yellow (high); nine stops of matplotlib's viridis, interpolated. */
    VIRIDIS(new int[] {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xFDE725});

    private final int[] stops; // 0xRRGGBB, evenly spaced over [0, 1]

    Colormap(int[] stops) {
        this.stops = stops;
    }

    /** The colour of t in [0, 1] as 0xRRGGBB; t is clamped, and NaN maps to the low end. */
    public int rgb(float t) {
        float clamped = t > 0f ? Math.min(t, 1f) : 0f; // also sends NaN to 0
        float position = clamped * (stops.length - 1);
        int i = Math.min((int) position, stops.length - 2);
        float f = position - i;
        int a = stops[i], b = stops[i + 1];
        return (mix(a >> 16, b >> 16, f) << 16) | (mix(a >> 8, b >> 8, f) << 8) | mix(a, b, f);
    }

    private static int mix(int a, int b, float f) {
        return Math.round((a & 0xFF) + ((b & 0xFF) - (a & 0xFF)) * f);
    }
}
