package eg3d.model;

import eg3d.nn.NoiseMode;

/**
 * Per-call rendering choices.
 *
 * @param neuralRenderingResolution rays per side; 0 uses the generator's own default
 * @param deterministic             no depth jitter and evenly spaced importance samples (parity, reproducible media)
 * @param noiseMode                 backbone noise: const for reproducible images, random for training
 * @param chunkRays                 at most this many rays (over the whole batch) are decoded at once
 */
public record RenderSpec(int neuralRenderingResolution, boolean deterministic, NoiseMode noiseMode, int chunkRays) {
    public static final int DEFAULT_CHUNK_RAYS = 4096;

    public RenderSpec {
        if (neuralRenderingResolution < 0) {
            throw new IllegalArgumentException("neural rendering resolution: must be >= 0 (0 = the model's), got " + neuralRenderingResolution);
        }
        if (chunkRays < 1) {
            throw new IllegalArgumentException("chunk size: need at least 1 ray per chunk, got " + chunkRays);
        }
    }

    /** Deterministic rendering with const noise at the model's own resolution: reproducible media. */
    public static RenderSpec reproducible() {
        return new RenderSpec(0, true, NoiseMode.CONST, DEFAULT_CHUNK_RAYS);
    }

    public RenderSpec withResolution(int resolution) {
        return new RenderSpec(resolution, deterministic, noiseMode, chunkRays);
    }

    public RenderSpec withChunkRays(int rays) {
        return new RenderSpec(neuralRenderingResolution, deterministic, noiseMode, rays);
    }

    public RenderSpec withNoiseMode(NoiseMode mode) {
        return new RenderSpec(neuralRenderingResolution, deterministic, mode, chunkRays);
    }

    public RenderSpec withDeterministic(boolean det) {
        return new RenderSpec(neuralRenderingResolution, det, noiseMode, chunkRays);
    }
}
