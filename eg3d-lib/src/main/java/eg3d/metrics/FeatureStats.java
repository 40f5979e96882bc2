package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.io.Checkpoint;
import eg3d.io.HostTensor;
import eg3d.io.TensorDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running statistics of a feature set: count, mean and covariance in float64 (what FID needs),
 * and, when asked, every feature vector (what KID and precision/recall need). The covariance is
 * the population one, Σ = E[xxᵀ] − μμᵀ, as the official metrics compute it.
 */
public final class FeatureStats {
    private final boolean captureAll;
    private int dim = -1;
    private long count;
    private double[] sum = new double[0];
    private double[][] gram = new double[0][];
    private final List<float[]> all = new ArrayList<>();

    /** {@code captureAll} keeps every vector for KID and precision/recall. */
    public FeatureStats(boolean captureAll) {
        this.captureAll = captureAll;
    }

    /** Adds features [N,D]; Σx and Σxxᵀ are accumulated in float64 on the engine. */
    public void append(NDArray features) {
        if (features.getShape().dimension() != 2) {
            throw new IllegalArgumentException("features: expected [N, D], got " + features.getShape());
        }
        int n = (int) features.getShape().get(0), d = (int) features.getShape().get(1);
        if (dim < 0) {
            dim = d;
            sum = new double[d];
            gram = new double[d][d];
        } else if (d != dim) {
            throw new IllegalArgumentException("features: got " + d + " dimensions after " + dim
                    + "; all batches must come from the same detector");
        }
        try (NDArray x = features.toType(DataType.FLOAT64, true); NDArray s = x.sum(new int[] {0});
                NDArray g = x.transpose().matMul(x)) {
            double[] sx = s.toDoubleArray(), gx = g.toDoubleArray();
            for (int i = 0; i < d; i++) {
                sum[i] += sx[i];
                for (int j = 0; j < d; j++) {
                    gram[i][j] += gx[i * d + j];
                }
            }
        }
        if (captureAll) {
            float[] flat = features.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < n; i++) {
                float[] row = new float[d];
                System.arraycopy(flat, i * d, row, 0, d);
                all.add(row);
            }
        }
        count += n;
    }

    public long getCount() {
        return count;
    }

    public int getDimension() {
        return dim;
    }

    public boolean isCaptureAll() {
        return captureAll;
    }

    public double[] getMean() {
        requireItems();
        double[] mean = new double[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = sum[i] / count;
        }
        return mean;
    }

    /** Σ = Σxxᵀ/N − μμᵀ. */
    public double[][] getCovariance() {
        double[] mean = getMean();
        double[][] cov = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                cov[i][j] = gram[i][j] / count - mean[i] * mean[j];
            }
        }
        return cov;
    }

    /** Every feature vector, in order; only when built with captureAll. */
    public float[][] getAll() {
        if (!captureAll) {
            throw new IllegalStateException("these feature statistics hold only mean and covariance; "
                    + "KID and precision/recall need them built with captureAll = true");
        }
        return all.toArray(new float[0][]);
    }

    private void requireItems() {
        if (count == 0) {
            throw new IllegalStateException("feature statistics are empty: no images were seen (check the dataset path)");
        }
    }

    /** Writes the statistics as a checkpoint file (safetensors + JSON): sum, gram and, if kept, all rows. */
    public void save(Path file, ObjectNode metadata) {
        requireItems();
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("sum", doubles(new long[] {dim}, sum));
        double[] flatGram = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            System.arraycopy(gram[i], 0, flatGram, i * dim, dim);
        }
        tensors.put("gram", doubles(new long[] {dim, dim}, flatGram));
        if (captureAll) {
            float[] flat = new float[all.size() * dim];
            for (int i = 0; i < all.size(); i++) {
                System.arraycopy(all.get(i), 0, flat, i * dim, dim);
            }
            tensors.put("features", HostTensor.ofFloats(new long[] {all.size(), dim}, flat));
        }
        ObjectNode meta = metadata.deepCopy();
        meta.put("count", count);
        meta.put("capture_all", captureAll);
        Checkpoint.write(file, tensors, meta);
    }

    /** Reads statistics written by {@link #save}. */
    public static FeatureStats load(Path file) {
        Checkpoint checkpoint = Checkpoint.read(file);
        ObjectNode meta = checkpoint.metadata();
        boolean captureAll = meta.path("capture_all").asBoolean(false);
        HostTensor sumTensor = require(checkpoint, file, "sum"), gramTensor = require(checkpoint, file, "gram");
        FeatureStats stats = new FeatureStats(captureAll);
        stats.count = meta.path("count").asLong(0);
        stats.sum = toDoubles(sumTensor);
        stats.dim = stats.sum.length;
        double[] flatGram = toDoubles(gramTensor);
        stats.gram = new double[stats.dim][stats.dim];
        for (int i = 0; i < stats.dim; i++) {
            System.arraycopy(flatGram, i * stats.dim, stats.gram[i], 0, stats.dim);
        }
        if (captureAll) {
            float[] flat = require(checkpoint, file, "features").toFloatArray();
            for (int i = 0; i < flat.length / stats.dim; i++) {
                float[] row = new float[stats.dim];
                System.arraycopy(flat, i * stats.dim, row, 0, stats.dim);
                stats.all.add(row);
            }
        }
        return stats;
    }

    private static HostTensor require(Checkpoint checkpoint, Path file, String key) {
        HostTensor t = checkpoint.tensors().get(key);
        if (t == null) {
            throw new IllegalArgumentException(file + ": tensor '" + key + "' is missing; delete the file to recompute it");
        }
        return t;
    }

    private static HostTensor doubles(long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new HostTensor(TensorDType.FLOAT64, shape, b);
    }

    private static double[] toDoubles(HostTensor t) {
        double[] out = new double[(int) t.numel()];
        t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
