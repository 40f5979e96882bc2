package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Where a synthesis layer's N(0, 1) noise draws come from in {@link NoiseMode#RANDOM}. The default
 * draws from the engine's generator; a recorded source replays the draws of a reference run.
 */
@FunctionalInterface
public interface NoiseSource {
    /** Fresh N(0, 1) draws from the engine's random generator. */
    NoiseSource ENGINE = (layer, manager, shape) -> manager.randomNormal(shape);

    /**
     * N(0, 1) draws of {@code shape} ([N,1,r,r]) for the layer with official prefix {@code layer}
     * (e.g. {@code backbone.synthesis.b8.conv0}), created on {@code manager}.
     */
    NDArray draw(String layer, NDManager manager, Shape shape);
}
