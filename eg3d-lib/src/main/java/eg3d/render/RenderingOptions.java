package eg3d.render;

import eg3d.nn.NoiseMode;

/**
 * The renderer's settings, the typed form of the official {@code rendering_kwargs}.
 *
 * @param depthResolution            coarse samples per ray
 * @param depthResolutionImportance  fine samples per ray drawn from the coarse weights (0: none)
 * @param rayStart                   near bound of the coarse samples, world units
 * @param rayEnd                     far bound
 * @param boxWarp                    side of the cube the tri-planes span; points scale by 2/boxWarp
 * @param whiteBack                  composite over white (ShapeNet) rather than black
 * @param decoderLrMul               learning-rate multiplier of the OSG decoder
 * @param projection                 which coordinate pairs the planes see
 * @param densityNoise               std of noise added to σ during training (0: none)
 * @param superresolutionNoiseMode   noise of the super-resolution layers (none in released configs)
 */
public record RenderingOptions(
        int depthResolution,
        int depthResolutionImportance,
        double rayStart,
        double rayEnd,
        double boxWarp,
        boolean whiteBack,
        double decoderLrMul,
        PlaneProjection projection,
        double densityNoise,
        NoiseMode superresolutionNoiseMode) {

    public RenderingOptions {
        if (depthResolution < 2) {
            throw new IllegalArgumentException("depth_resolution: need at least 2 coarse samples per ray, got " + depthResolution);
        }
        if (depthResolutionImportance < 0) {
            throw new IllegalArgumentException("depth_resolution_importance: must be >= 0, got " + depthResolutionImportance);
        }
        if (!(rayEnd > rayStart) || rayStart < 0) {
            throw new IllegalArgumentException("ray_start/ray_end: need 0 <= ray_start < ray_end, got " + rayStart + ", " + rayEnd);
        }
        if (!(boxWarp > 0)) {
            throw new IllegalArgumentException("box_warp: must be > 0, got " + boxWarp);
        }
    }

    /** The same options with other sample counts (e.g. more samples for a high-quality video). */
    public RenderingOptions withSamples(int coarse, int importance) {
        return new RenderingOptions(coarse, importance, rayStart, rayEnd, boxWarp, whiteBack, decoderLrMul,
                projection, densityNoise, superresolutionNoiseMode);
    }
}
