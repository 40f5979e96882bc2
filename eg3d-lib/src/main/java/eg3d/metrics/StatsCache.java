package eg3d.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A folder of dataset feature statistics, one file per key. The key is a SHA-256 of the dataset's
 * content hash, the detector's hash and every option that changes the features (item count,
 * mirroring, whether all vectors are kept), so a changed dataset or detector never reuses stale
 * numbers. Files are written atomically, so an interrupted run leaves no half-written entry.
 */
public final class StatsCache {
    /** Bump when the statistics format or the feature order changes. */
    static final int FORMAT_VERSION = 1;

    private final Path dir;

    public StatsCache(Path dir) {
        this.dir = dir;
    }

    /** {@code $EG3D_CACHE/metrics}, else {@code ~/.cache/eg3d/metrics}. */
    public static Path defaultDir() {
        String env = System.getenv("EG3D_CACHE");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "eg3d");
        return root.resolve("metrics");
    }

    public Path getDir() {
        return dir;
    }

    /** Statistics and where they came from: {@code hit} is true when read from the cache. */
    public record Lookup(FeatureStats stats, String key, boolean hit) {}

    /** The cache key for a dataset, a detector and the options. */
    public static String key(ImageSet images, FeatureDetector detector, @Nullable Integer maxItems, boolean mirror,
            boolean captureAll) {
        return Hashing.ofString("format=" + FORMAT_VERSION + ";dataset=" + images.getContentHash() + ";detector="
                + detector.getHash() + ";items=" + DatasetFeatures.itemCount(images.size(), maxItems, mirror)
                + ";mirror=" + mirror + ";capture_all=" + captureAll);
    }

    /** Reads the statistics for these options, or computes and stores them. */
    public Lookup datasetStats(ImageSet images, FeatureDetector detector, @Nullable Integer maxItems, boolean mirror,
            boolean captureAll, int batchSize) {
        String key = key(images, detector, maxItems, mirror, captureAll);
        Path file = dir.resolve("dataset-" + key + ".safetensors");
        if (Files.isRegularFile(file)) {
            return new Lookup(FeatureStats.load(file), key, true);
        }
        FeatureStats stats = DatasetFeatures.compute(images, detector, maxItems, mirror, captureAll, batchSize);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics cache: could not create " + dir + " (" + e.getMessage()
                    + "); pass another --cache-dir or set EG3D_CACHE", e);
        }
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("dataset", images.getPath().toString());
        meta.put("dataset_hash", images.getContentHash());
        meta.put("detector", detector.getName());
        meta.put("detector_hash", detector.getHash());
        meta.put("mirror", mirror);
        stats.save(file, meta);
        return new Lookup(stats, key, false);
    }
}
