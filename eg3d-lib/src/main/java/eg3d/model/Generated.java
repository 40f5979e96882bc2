package eg3d.model;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/**
 * A generator's outputs for one batch: the super-resolved {@code image} [N,3,R,R] in [−1, 1], the
 * rendered {@code imageRaw} [N,3,r,r], the {@code imageDepth} [N,1,r,r] in world units, and the
 * {@code featureImage} [N,32,r,r]. Owns native memory: close it, or use it in try-with-resources
 * (Kotlin: {@code use {}}).
 */
public final class Generated implements AutoCloseable {
    private final NDArray image, imageRaw, imageDepth, featureImage;
    private final @Nullable NDArray weightsSum;

    public Generated(NDArray image, NDArray imageRaw, NDArray imageDepth, NDArray featureImage,
            @Nullable NDArray weightsSum) {
        this.image = image;
        this.imageRaw = imageRaw;
        this.imageDepth = imageDepth;
        this.featureImage = featureImage;
        this.weightsSum = weightsSum;
    }

    public NDArray getImage() {
        return image;
    }

    public NDArray getImageRaw() {
        return imageRaw;
    }

    public NDArray getImageDepth() {
        return imageDepth;
    }

    public NDArray getFeatureImage() {
        return featureImage;
    }

    /** Accumulated opacity per pixel [N,1,r,r], or null. */
    public @Nullable NDArray getWeightsSum() {
        return weightsSum;
    }

    @Override
    public void close() {
        image.close();
        imageRaw.close();
        imageDepth.close();
        featureImage.close();
        if (weightsSum != null) {
            weightsSum.close();
        }
    }
}
