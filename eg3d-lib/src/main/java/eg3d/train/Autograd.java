package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The few autograd calls training needs, straight on the engine. DJL's GradientCollector is not
 * used: it walks every array of the process to zero gradients, and only one may exist at a time.
 */
final class Autograd {
    private Autograd() {}

    /** Turns autograd recording on until the returned handle closes (then restores the old mode). */
    static AutoCloseable recording() {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        return () -> JniUtils.setGradMode(was);
    }

    /** requires_grad on or off for each array (leaves only). */
    static void requireGrad(Collection<NDArray> arrays, boolean on) {
        for (NDArray a : arrays) {
            JniUtils.attachGradient((PtNDArray) a, on);
        }
    }

    /** Backward of a scalar with gradient 1; the graph is freed. */
    static void backward(NDArray scalar) {
        try (NDArray one = scalar.getManager().ones(new Shape(), scalar.getDataType())) {
            JniUtils.backward((PtNDArray) scalar, (PtNDArray) one, false, false);
        }
    }

    /** The accumulated gradient (a new handle on the array's manager), or null when none was ever computed. */
    static @Nullable NDArray grad(NDArray a) {
        return JniUtils.getGradient((PtNDArray) a);
    }

    /** Zeroes the accumulated gradient in place, if there is one. */
    static void zeroGrad(NDArray a) {
        NDArray g = grad(a);
        if (g != null) {
            g.close();
            JniUtils.zeroGrad((PtNDArray) a);
        }
    }
}
