package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import eg3d.nn.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import eg3d.nn.Owned;

/**
 * Adam with {@code torch.optim.Adam}'s exact arithmetic (bias-corrected step size, eps added
 * after the bias-corrected square root, a step count per parameter), run on the parameters in
 * place with autograd off. A parameter without a gradient in a step is skipped, as torch does
 * for {@code grad is None}: its moments and step count stay as they were.
 */
public final class Adam implements AutoCloseable {
    /** Hyper-parameters, after any lazy-regularisation adjustment. */
    public record Hyper(double lr, double beta1, double beta2, double eps) {
        /** The lazy-regularisation adjustment: lr·r and β^r with r = interval/(interval+1). */
        public Hyper lazy(int regInterval) {
            if (regInterval <= 0) {
                return this;
            }
            double r = regInterval / (regInterval + 1.0);
            return new Hyper(lr * r, Math.pow(beta1, r), Math.pow(beta2, r), eps);
        }
    }

    private final NDManager manager;
    private final Hyper hyper;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private final Map<String, Long> steps = new LinkedHashMap<>();

    public Adam(NDManager parent, Hyper hyper) {
        this.manager = parent.newSubManager();
        this.hyper = hyper;
    }

    public Hyper getHyper() {
        return hyper;
    }

    /** One step: {@code params} by name, {@code grads} for those that have one this step. */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads) {
        for (Map.Entry<String, NDArray> e : grads.entrySet()) {
            String name = e.getKey();
            NDArray p = params.get(name);
            if (p == null) {
                throw new IllegalArgumentException("Adam: gradient for unknown parameter '" + name + "'");
            }
            NDArray g = e.getValue();
            NDArray m = expAvg.computeIfAbsent(name, k -> manager.zeros(p.getShape(), p.getDataType()));
            NDArray v = expAvgSq.computeIfAbsent(name, k -> manager.zeros(p.getShape(), p.getDataType()));
            long step = steps.merge(name, 1L, Long::sum);
            try (Scope scope = Scope.open(manager, new NDArray[] {p, g, m, v})) {
                m.muli(hyper.beta1()).addi(Owned.mul(g, 1 - hyper.beta1()));
                v.muli(hyper.beta2()).addi(Owned.mul(g, 1 - hyper.beta2()).mul(g));
                double bc1 = 1 - Math.pow(hyper.beta1(), step);
                double bc2 = 1 - Math.pow(hyper.beta2(), step);
                double stepSize = hyper.lr() / bc1;
                NDArray denom = Owned.div(v.sqrt(), Math.sqrt(bc2)).add(hyper.eps());
                p.subi(m.div(denom).mul(stepSize));
            }
        }
    }

    /** The state as named arrays ({@code NAME.exp_avg}, {@code NAME.exp_avg_sq}) and step counts. */
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        expAvg.forEach((k, v) -> out.put(k + ".exp_avg", v));
        expAvgSq.forEach((k, v) -> out.put(k + ".exp_avg_sq", v));
        return out;
    }

    public Map<String, Long> getSteps() {
        return java.util.Collections.unmodifiableMap(steps);
    }

    /** Restores state written by {@link #stateArrays()} and {@link #getSteps()} (arrays are copied). */
    public void restore(Map<String, NDArray> arrays, Map<String, Long> stepCounts) {
        steps.clear();
        steps.putAll(stepCounts);
        for (String name : stepCounts.keySet()) {
            NDArray m = arrays.get(name + ".exp_avg"), v = arrays.get(name + ".exp_avg_sq");
            if (m == null || v == null) {
                throw new IllegalArgumentException("optimizer state: missing moments of '" + name
                        + "'; the checkpoint is incomplete. Resume from an earlier snapshot.");
            }
            expAvg.put(name, m.duplicate());
            expAvgSq.put(name, v.duplicate());
            expAvg.get(name).attach(manager);
            expAvgSq.get(name).attach(manager);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
