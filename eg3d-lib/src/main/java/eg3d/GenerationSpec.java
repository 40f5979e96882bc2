package eg3d;

import eg3d.camera.Intrinsics;
import eg3d.nn.NoiseMode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What to generate: a latent (from a seed, drawn as numpy's RandomState(seed).randn does), a
 * truncation, and a camera given as yaw/pitch offsets (radians) from the frontal view.
 *
 * @param seed                      latent seed (0 … 2³²−1)
 * @param truncationPsi             1 = no truncation; smaller trades variety for quality
 * @param truncationCutoff          truncate only the first ws (null: all)
 * @param yaw                       horizontal angle from frontal, radians (positive turns the camera to the object's left)
 * @param pitch                     vertical angle from frontal, radians (positive looks from below)
 * @param fovDegrees                vertical field of view
 * @param radius                    camera distance from the world origin; null: the model's average
 * @param neuralRenderingResolution rays per side; 0: the model's own
 * @param noiseMode                 backbone noise; const makes images reproducible
 * @param deterministic             no depth jitter in rendering
 */
public record GenerationSpec(long seed, float truncationPsi, @Nullable Integer truncationCutoff, double yaw, double pitch,
        double fovDegrees, @Nullable Double radius, int neuralRenderingResolution, NoiseMode noiseMode, boolean deterministic) {

    public GenerationSpec {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed " + seed + ": must be between 0 and 4294967295");
        }
        if (!(truncationPsi >= 0 && truncationPsi <= 2)) {
            throw new IllegalArgumentException("truncation psi " + truncationPsi + ": expected a value in [0, 2] (1 = none)");
        }
        Intrinsics.fromFovDegrees(fovDegrees);     // validates the range
    }

    /** Seed 0, ψ 0.7 with cutoff 14, frontal, FOV 18.837°, const noise, deterministic. */
    public static GenerationSpec defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The spec made by {@code configure} applied to a fresh builder. */
    public static GenerationSpec of(Consumer<Builder> configure) {
        Builder b = builder();
        configure.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.truncationPsi = truncationPsi;
        b.truncationCutoff = truncationCutoff;
        b.yaw = yaw;
        b.pitch = pitch;
        b.fovDegrees = fovDegrees;
        b.radius = radius;
        b.neuralRenderingResolution = neuralRenderingResolution;
        b.noiseMode = noiseMode;
        b.deterministic = deterministic;
        return b;
    }

    /** Mutable builder with get/set pairs, so Kotlin sees properties: {@code seed = 3; yaw = 0.4}. */
    public static final class Builder {
        private long seed;
        private float truncationPsi = 0.7f;
        private @Nullable Integer truncationCutoff = 14;
        private double yaw, pitch;
        private double fovDegrees = Intrinsics.DEFAULT_FOV_DEGREES;
        private @Nullable Double radius;
        private int neuralRenderingResolution;
        private NoiseMode noiseMode = NoiseMode.CONST;
        private boolean deterministic = true;

        public long getSeed() { return seed; }
        public Builder setSeed(long seed) { this.seed = seed; return this; }
        public float getTruncationPsi() { return truncationPsi; }
        public Builder setTruncationPsi(float psi) { this.truncationPsi = psi; return this; }
        public @Nullable Integer getTruncationCutoff() { return truncationCutoff; }
        public Builder setTruncationCutoff(@Nullable Integer cutoff) { this.truncationCutoff = cutoff; return this; }
        public double getYaw() { return yaw; }
        public Builder setYaw(double yaw) { this.yaw = yaw; return this; }
        public double getPitch() { return pitch; }
        public Builder setPitch(double pitch) { this.pitch = pitch; return this; }
        public double getFovDegrees() { return fovDegrees; }
        public Builder setFovDegrees(double fov) { this.fovDegrees = fov; return this; }
        public @Nullable Double getRadius() { return radius; }
        public Builder setRadius(@Nullable Double radius) { this.radius = radius; return this; }
        public int getNeuralRenderingResolution() { return neuralRenderingResolution; }
        public Builder setNeuralRenderingResolution(int r) { this.neuralRenderingResolution = r; return this; }
        public NoiseMode getNoiseMode() { return noiseMode; }
        public Builder setNoiseMode(NoiseMode mode) { this.noiseMode = mode; return this; }
        public boolean getDeterministic() { return deterministic; }
        public Builder setDeterministic(boolean d) { this.deterministic = d; return this; }

        public GenerationSpec build() {
            return new GenerationSpec(seed, truncationPsi, truncationCutoff, yaw, pitch, fovDegrees, radius,
                    neuralRenderingResolution, noiseMode, deterministic);
        }
    }
}
