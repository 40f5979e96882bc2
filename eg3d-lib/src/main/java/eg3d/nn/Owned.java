package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arrays made from host data, copied into memory the engine owns. DJL's {@code create(...)} wraps
 * a direct buffer without copying, and only the Java array object keeps that buffer alive. Closed
 * inside a forward pass, while a view or the autograd graph still holds the tensor, the buffer can
 * be collected before the backward runs, which then reads freed memory: gradients that are
 * sometimes zero and sometimes 1e9, depending on when the collector ran. A clone owns its storage.
 */
public final class Owned {
    private Owned() {}

    /** An engine-owned copy of {@code fromHost} (same manager); {@code fromHost} is closed. */
    public static NDArray of(NDArray fromHost) {
        NDArray copy = fromHost.duplicate();
        fromHost.close();
        return copy;
    }

    /*
     * Scalar arithmetic for code under autograd. DJL's x.mul(2f) wraps 2f in a host-backed tensor,
     * multiplies and closes it, but the graph saves that tensor for the backward (as it does for
     * div, pow, maximum and minimum): the backward could then read a collected buffer. These
     * variants pass an engine-owned scalar, which the graph keeps alive for as long as it needs.
     */

    public static NDArray mul(NDArray x, Number v) {
        return withScalar(x, v, NDArray::mul);
    }

    public static NDArray div(NDArray x, Number v) {
        return withScalar(x, v, NDArray::div);
    }

    public static NDArray pow(NDArray x, Number v) {
        return withScalar(x, v, NDArray::pow);
    }

    public static NDArray maximum(NDArray x, Number v) {
        return withScalar(x, v, NDArray::maximum);
    }

    public static NDArray minimum(NDArray x, Number v) {
        return withScalar(x, v, NDArray::minimum);
    }

    private static NDArray withScalar(NDArray x, Number v, BinaryOperator<NDArray> op) {
        try (NDArray s = scalar(x, v)) {
            return op.apply(x, s);
        }
    }

    /** A 0-d tensor filled natively (torch.full): owned memory, no host buffer at all. */
    private static NDArray scalar(NDArray like, Number v) {
        return like.getManager().full(new Shape(), v.floatValue(), like.getDataType());
    }
}
