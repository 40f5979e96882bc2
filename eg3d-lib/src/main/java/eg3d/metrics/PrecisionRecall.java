package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) as the official {@code pr50k3}: each
 * feature set defines a manifold, the union of balls around its vectors with radius the distance to
 * the k-th nearest other vector. Precision is the share of generated vectors inside the real
 * manifold; recall the share of real vectors inside the generated one. Distances are Euclidean,
 * computed in float32 in blocks so memory stays bounded.
 */
public final class PrecisionRecall {
    /** The official neighbourhood size (the "3" in pr50k3). */
    public static final int NHOOD_SIZE = 3;
    private static final int ROW_BLOCK = 1024;
    private static final int COLUMN_BLOCK = 8192;

    private PrecisionRecall() {}

    /** Precision and recall, each in [0, 1]. */
    public record Result(double precision, double recall) {}

    public static Result compute(float[][] real, float[][] generated, int nhoodSize) {
        if (real.length <= nhoodSize || generated.length <= nhoodSize) {
            throw new IllegalArgumentException("precision/recall: k = " + nhoodSize + " needs more than k vectors per set, got "
                    + real.length + " real and " + generated.length + " generated; raise the sample counts");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray r = matrix(manager, real), g = matrix(manager, generated);
            double precision = coverage(r, g, nhoodSize);
            double recall = coverage(g, r, nhoodSize);
            return new Result(precision, recall);
        }
    }

    /** Share of probes within the k-NN radius of at least one manifold vector. */
    private static double coverage(NDArray manifold, NDArray probes, int nhoodSize) {
        NDArray radii = kthNeighbourDistances(manifold, nhoodSize);        // [M]
        long n = probes.getShape().get(0), inside = 0;
        for (long start = 0; start < n; start += ROW_BLOCK) {
            try (NDManager block = manifold.getManager().newSubManager()) {
                NDArray rows = slice(probes, start, Math.min(n, start + ROW_BLOCK), block);
                NDArray hit = null;
                for (long c = 0; c < manifold.getShape().get(0); c += COLUMN_BLOCK) {
                    long end = Math.min(manifold.getShape().get(0), c + COLUMN_BLOCK);
                    NDArray d = distances(rows, slice(manifold, c, end, block));
                    NDArray any = d.lte(slice(radii, c, end, block).expandDims(0))
                            .toType(ai.djl.ndarray.types.DataType.INT32, false).sum(new int[] {1}).gt(0); // [B]
                    hit = hit == null ? any : hit.logicalOr(any);
                }
                inside += hit.sum().toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
            }
        }
        return (double) inside / n;
    }

    /** Distance from each row to its k-th nearest other row (the (k+1)-th counting itself). */
    private static NDArray kthNeighbourDistances(NDArray points, int nhoodSize) {
        long n = points.getShape().get(0);
        float[] radii = new float[(int) n];
        for (long start = 0; start < n; start += ROW_BLOCK) {
            try (NDManager block = points.getManager().newSubManager()) {
                NDArray rows = slice(points, start, Math.min(n, start + ROW_BLOCK), block);
                NDArray nearest = null;                                   // [B, ≤k+1], ascending
                for (long c = 0; c < n; c += COLUMN_BLOCK) {
                    NDArray d = distances(rows, slice(points, c, Math.min(n, c + COLUMN_BLOCK), block));
                    NDArray candidates = nearest == null ? d : NDArrays.concat(new NDList(nearest, d), 1);
                    int keep = (int) Math.min(nhoodSize + 1, candidates.getShape().get(1));
                    nearest = candidates.sort(1).get(":, :" + keep);
                }
                float[] kth = nearest.get(":, " + nhoodSize).toFloatArray();
                System.arraycopy(kth, 0, radii, (int) start, kth.length);
            }
        }
        return points.getManager().create(radii);
    }

    /** Rows from..to of x, owned by {@code block} so every op on them is freed with it. */
    private static NDArray slice(NDArray x, long from, long to, NDManager block) {
        NDArray part = x.get(from + ":" + to);
        part.attach(block);
        return part;
    }

    /** Euclidean distances [A,B] between rows of a [A,D] and b [B,D]. */
    private static NDArray distances(NDArray a, NDArray b) {
        NDArray aa = a.square().sum(new int[] {1}, true);                   // [A,1]
        NDArray bb = b.square().sum(new int[] {1}).expandDims(0);          // [1,B]
        return aa.add(bb).sub(a.matMul(b.transpose()).mul(2)).maximum(0).sqrt();
    }

    private static NDArray matrix(NDManager manager, float[][] rows) {
        int dim = rows[0].length;
        float[] flat = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * dim, dim);
        }
        return manager.create(flat, new Shape(rows.length, dim));
    }
}
