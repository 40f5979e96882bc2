package eg3d.render;

import ai.djl.ndarray.NDArray;
import java.util.function.Supplier;

/**
 * Receives named intermediates (the fixture keys: {@code depths_coarse}, {@code sigma_fine}, …)
 * for parity checks and teaching notebooks. The default records nothing and costs nothing.
 */
@FunctionalInterface
public interface Trace {
    Trace NONE = (key, value) -> {};

    /** Called with a fixture key and a supplier of the array; copy what you keep. */
    void record(String key, Supplier<NDArray> value);

    default boolean enabled() {
        return this != NONE;
    }
}
