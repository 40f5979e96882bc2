package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Images to feature vectors: float32 [N,3,H,W] RGB in [0, 255] (the dataset's resolution) →
 * float32 [N,D]. The detector resizes internally if it needs a fixed input size. Its hash
 * identifies it in cache keys and provenance, so two detectors with the same hash must compute
 * the same function.
 */
public interface FeatureDetector extends AutoCloseable {
    /** Features [N,D] for images [N,3,H,W] in [0, 255], on the images' manager. */
    NDArray features(NDArray images);

    /** A short human-readable name, e.g. the file name. */
    String getName();

    /** A stable hex digest of the detector's definition (file bytes, or built-in kind and seed). */
    String getHash();

    @Override
    void close();

    /** The TorchScript detector in {@code file}, or the built-in one (seed 0) when null. */
    static FeatureDetector open(@Nullable Path file) {
        return file == null ? new RandomConvDetector(0) : TorchScriptDetector.load(file);
    }
}
