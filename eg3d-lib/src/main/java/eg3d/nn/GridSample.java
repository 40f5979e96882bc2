package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * PyTorch's native bilinear {@code grid_sample} (zero padding, align_corners=False), which DJL
 * does not expose, reached through a {@link TorchScriptModule}. Using the reference's own kernel
 * gives the same rounding as the official code and keeps memory at the output size (a gather of
 * four corners would materialise four times the output). Differentiable with respect to the input.
 */
public final class GridSample {
    private static final String METHODS = String.join("\n",
            "  def bilinear(self: __torch__.GridSample, input: Tensor, grid: Tensor) -> Tensor:",
            "    return torch.grid_sampler(input, grid, 0, 0, False)",
            "");

    private GridSample() {}

    /** Loaded once per process; the module holds no weights. */
    private static final class Holder {
        static final TorchScriptModule MODULE = new TorchScriptModule(NDManager.newBaseManager(), "GridSample", METHODS);
    }

    /** input [N,C,H,W], grid [N,Ho,Wo,2] with (x, y) in [−1, 1] → [N,C,Ho,Wo], on input's manager. */
    public static NDArray bilinear(NDArray input, NDArray grid) {
        Shapes.check("grid_sample input", input, Shapes.ANY, Shapes.ANY, Shapes.ANY, Shapes.ANY);
        Shapes.check("grid_sample grid", grid, input.getShape().get(0), Shapes.ANY, Shapes.ANY, 2);
        return Holder.MODULE.call("bilinear", input.getManager(), input, grid).singletonOrThrow();
    }
}
