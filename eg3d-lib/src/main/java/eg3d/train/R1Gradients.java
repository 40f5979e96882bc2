package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import eg3d.nn.TorchScriptModule;

/**
 * The R1 penalty Σ|∂logits/∂image|² + Σ|∂logits/∂image_raw|² per sample, with its graph, so that
 * a backward of the penalty reaches D's parameters (a double backward).
 *
 * <p>DJL has no {@code torch.autograd.grad}. Its only route, a {@code create_graph} backward,
 * stores graph-carrying gradients in every parameter's {@code .grad}; that closes a reference
 * cycle (parameter → grad → graph → parameter) which DJL cannot break, and leaks about 0.5 MB a
 * step. So this class writes a one-method {@link TorchScriptModule} at run time, whose method calls
 * {@code torch.autograd.grad(create_graph=True)}: gradients go to the caller only, never into
 * {@code .grad}, and nothing leaks.
 */
public final class R1Gradients implements AutoCloseable {
    private static final String METHOD = "r1";
    private static final String METHODS = String.join("\n",
            "  def r1(self: __torch__.R1, logits: Tensor, image: Tensor, raw: Tensor) -> Tensor:",
            "    grads = torch.autograd.grad([torch.sum(logits)], [image, raw], None, None, True)",
            "    gi = grads[0]",
            "    gr = grads[1]",
            "    if gi is not None:",
            "      if gr is not None:",
            "        a = torch.sum(torch.square(gi), [1, 2, 3])",
            "        b = torch.sum(torch.square(gr), [1, 2, 3])",
            "        return torch.add(a, b)",
            "    return torch.zeros_like(torch.sum(logits, [1]))",
            "");

    private final TorchScriptModule module;

    /** Builds and loads the helper module on a sub-manager of {@code parent}. */
    public R1Gradients(NDManager parent) {
        module = new TorchScriptModule(parent, "R1", METHODS);
    }

    /**
     * logits [N,1] computed (under autograd) from the leaves {@code image} and {@code raw}, both
     * requiring grad → penalty [N] on logits' manager, differentiable with respect to D's parameters.
     */
    public NDArray penalty(NDArray logits, NDArray image, NDArray raw) {
        return module.call(METHOD, logits.getManager(), logits, image, raw).singletonOrThrow();
    }

    @Override
    public void close() {
        module.close();
    }
}
