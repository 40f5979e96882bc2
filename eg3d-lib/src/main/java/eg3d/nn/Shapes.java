package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Shape checks whose message names the tensor and shows the expected shape beside the actual. */
public final class Shapes {
    /** Wildcard for one dimension. */
    public static final long ANY = -1;

    private Shapes() {}

    /** Throws {@link IllegalArgumentException} unless {@code x} has the expected shape; returns x. */
    public static NDArray check(String what, NDArray x, long... expected) {
        Shape got = x.getShape();
        if (!matches(got, expected)) {
            throw new IllegalArgumentException(what + ": expected " + pattern(expected) + ", got " + got);
        }
        return x;
    }

    static boolean matches(Shape got, long... expected) {
        if (got.dimension() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != ANY && got.get(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** "[*, 512, 4, 4]" for {ANY, 512, 4, 4}. */
    public static String pattern(long... dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i] == ANY ? "*" : Long.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
