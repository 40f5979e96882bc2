package eg3d.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import eg3d.model.DualDiscriminator;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Params;
import eg3d.nn.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Data parallel on one host, the way the reference trains on several GPUs. Each rank (a device)
 * holds a replica of G and D and takes its share of the batch, batch / ranks samples, in rounds of
 * {@code --batch-gpu}. Within a rank the rounds' gradients add up, each round's loss being a mean
 * over its own samples. Across ranks the gradients are summed onto rank 0 and divided by the number
 * of ranks. So with R ranks and k rounds each, the gradient is (1/R)·Σ_ranks Σ_rounds ∇mean(loss),
 * as in the reference. The optimiser steps on rank 0's parameters, and {@link #broadcast} copies
 * them back to the replicas.
 *
 * <p>Each rank keeps its own {@code w_avg}, updated from its own samples in Dmain, as each GPU's
 * mapping does in the reference; rank 0's is the one snapshots keep. Ranks on distinct devices run
 * in threads of their own. Ranks that share a device (e.g. {@code --devices cpu,cpu}, which runs
 * this path without GPUs) run one after the other, so their random draws stay in a fixed order.
 */
public final class DataParallel implements AutoCloseable {
    /** One device's networks and loss; rank 0's are the trainer's own. */
    private record Rank(Device device, TriPlaneGenerator g, DualDiscriminator d, Eg3dLoss loss,
            Map<String, NDArray> gTrainable, Map<String, NDArray> dTrainable) {}

    /** What a phase yields: gradients on rank 0, cleaned (NaN → 0, ±inf → ±1e5), and every rank's and round's values in batch order. */
    public record Outcome(Map<String, NDArray> grads, Eg3dLoss.PhaseValues values) {}

    private final List<Rank> ranks = new ArrayList<>();
    private final int batchGpu;
    private final List<NDManager> replicaManagers = new ArrayList<>();
    private final @Nullable ExecutorService threads;

    /**
     * Ranks on {@code devices}: the first is where {@code g} and {@code d} already live; each other
     * device gets a copy of both. {@code batchGpu} is the round size (0: a rank's whole share at once).
     */
    public DataParallel(TriPlaneGenerator g, DualDiscriminator d, Eg3dLoss loss, List<Device> devices, int batchGpu) {
        this(g, d, loss, devices, batchGpu, devices.size() > 1 && new HashSet<>(devices).size() == devices.size());
    }

    /** As above, with ranks in threads of their own or not (tests run threads on one device). */
    DataParallel(TriPlaneGenerator g, DualDiscriminator d, Eg3dLoss loss, List<Device> devices, int batchGpu, boolean threaded) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("data parallel needs at least one device");
        }
        this.batchGpu = batchGpu;
        ranks.add(new Rank(devices.get(0), g, d, loss, TrainingStep.trainable(g.getParams()),
                TrainingStep.trainable(d.getParams())));
        for (Device device : devices.subList(1, devices.size())) {
            NDManager manager = NDManager.newBaseManager(device);
            replicaManagers.add(manager);
            TriPlaneGenerator rg = new TriPlaneGenerator(g.getConfig(), copy(g.getParams(), manager, "G", device));
            DualDiscriminator rd = new DualDiscriminator(d.getConfig(), copy(d.getParams(), manager, "D", device));
            Rank rank = new Rank(device, rg, rd, loss.replicate(rg, rd), TrainingStep.trainable(rg.getParams()),
                    TrainingStep.trainable(rd.getParams()));
            Autograd.requireGrad(rank.gTrainable().values(), false);
            Autograd.requireGrad(rank.dTrainable().values(), false);
            ranks.add(rank);
        }
        threads = threaded ? Executors.newFixedThreadPool(devices.size(), r -> {
            Thread t = new Thread(r, "eg3d-rank");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    private static Params copy(Params src, NDManager manager, String what, Device device) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        src.asMap().forEach((k, v) -> arrays.put(k, copyTo(v, device, manager)));
        return Params.of(manager, src.getSource() + " (" + what + " replica on " + device + ")", arrays);
    }

    /**
     * A copy of {@code x} on {@code device}, owned by {@code target}. A transfer starts from a scratch
     * copy because the engine hangs a new manager off the source array's manager at every transfer,
     * which would pile up under a long-lived one.
     */
    private static NDArray copyTo(NDArray x, Device device, NDManager target) {
        if (x.getDevice().equals(device)) {
            NDArray out = x.duplicate();
            out.attach(target);
            return out;
        }
        try (NDManager scratch = x.getManager().newSubManager()) {
            NDArray src = x.duplicate();
            src.attach(scratch);
            NDArray out = src.toDevice(device, true);
            out.attach(target);         // before the scratch manager, which the transfer hung it under, closes
            return out;
        }
    }

    /** How many ranks (devices). */
    public int size() {
        return ranks.size();
    }

    /**
     * Runs {@code phase} on every rank over its share of the batch (rows r·B/R … (r+1)·B/R of each
     * input), in rounds, with {@code drawsOf.apply(r)} as rank r's random draws. Gradients land on
     * {@code out}, on rank 0's device.
     */
    public Outcome gradients(Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC, int gain,
            long curNimg, IntFunction<TrainingDraws> drawsOf, NDManager out) {
        long batch = realImg.getShape().get(0);
        if (batch % ranks.size() != 0 || genZ.getShape().get(0) != batch) {
            throw new IllegalArgumentException("a batch of " + batch + " real and " + genZ.getShape().get(0)
                    + " generated samples does not split over " + ranks.size() + " devices");
        }
        long share = batch / ranks.size();
        long round = batchGpu > 0 ? batchGpu : share;
        if (share % round != 0) {
            throw new IllegalArgumentException("--batch-gpu " + round + " must divide each device's share of the batch, " + share);
        }
        List<RankResult> results = new ArrayList<>();
        if (threads == null) {
            for (int r = 0; r < ranks.size(); r++) {
                results.add(runRank(r, phase, realImg, realC, genZ, genC, gain, curNimg, drawsOf.apply(r), share, round));
            }
        } else {
            List<Future<RankResult>> futures = new ArrayList<>();
            for (int r = 0; r < ranks.size(); r++) {
                int rank = r;
                TrainingDraws draws = drawsOf.apply(r);
                futures.add(threads.submit(() -> runRank(rank, phase, realImg, realC, genZ, genC, gain, curNimg, draws, share, round)));
            }
            // Every rank finishes before anything is reported, so no device still works on the networks.
            RuntimeException failure = null;
            for (Future<RankResult> f : futures) {
                try {
                    results.add(join(f));
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                results.forEach(result -> result.grads().values().forEach(NDArray::close));
                throw failure;
            }
        }
        return reduce(results, out);
    }

    /**
     * The rank's result, waited for through interrupts: an interrupt (a notebook's stop button) is
     * kept for the training loop, which stops at its next check and writes a snapshot.
     */
    private static RankResult join(Future<RankResult> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A rank's gradients (on its own device, new handles) and its rounds' values. */
    private record RankResult(Map<String, NDArray> grads, List<Eg3dLoss.PhaseValues> values) {}

    private RankResult runRank(int r, Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC, int gain,
            long curNimg, TrainingDraws draws, long share, long round) {
        Rank rank = ranks.get(r);
        Map<String, NDArray> module = phase.trainsGenerator() ? rank.gTrainable() : rank.dTrainable();
        module.values().forEach(Autograd::zeroGrad);
        Autograd.requireGrad(module.values(), true);
        List<Eg3dLoss.PhaseValues> values = new ArrayList<>();
        NDManager params = (phase.trainsGenerator() ? rank.g().getParams() : rank.d().getParams()).getManager();
        try (NDManager m = params.newSubManager(rank.device())) {
            for (long from = r * share; from < (r + 1) * share; from += round) {
                NDIndex rows = new NDIndex("{}:{}", from, from + round);
                values.add(rank.loss().accumulate(phase, onRank(realImg, rows, m), onRank(realC, rows, m),
                        onRank(genZ, rows, m), onRank(genC, rows, m), gain, curNimg, draws));
            }
        } finally {
            Autograd.requireGrad(module.values(), false);
        }
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : module.entrySet()) {
            if (!TrainingStep.skippedIn(phase, e.getKey())) {
                NDArray grad = Autograd.grad(e.getValue());
                if (grad != null) {
                    grads.put(e.getKey(), grad);        // a view of .grad: reduce copies it before the next phase zeroes it
                }
            }
        }
        return new RankResult(grads, values);
    }

    /** The rows of {@code x} on the rank's device, owned by {@code m}. */
    private static NDArray onRank(NDArray x, NDIndex rows, NDManager m) {
        NDArray part = x.get(rows);
        if (part.getDevice().equals(m.getDevice())) {
            part.attach(m);
            return part;
        }
        NDArray moved = copyTo(part, m.getDevice(), m);
        part.close();
        return moved;
    }

    /**
     * Σ_ranks grads / ranks on {@code out}, then cleaned as the reference cleans after its all-reduce;
     * a gradient missing on one rank counts as zero there. The results are new arrays, never views
     * of a parameter's {@code .grad}.
     */
    private Outcome reduce(List<RankResult> results, NDManager out) {
        Device home = ranks.get(0).device();
        Map<String, NDArray> sum = new LinkedHashMap<>();
        List<Eg3dLoss.PhaseValues> values = new ArrayList<>();
        for (RankResult result : results) {
            values.addAll(result.values());
            for (Map.Entry<String, NDArray> e : result.grads().entrySet()) {
                NDArray g = e.getValue();
                if (g.getDevice().equals(home)) {
                    g.attach(out);
                } else {
                    g = copyTo(g, home, out);
                    e.getValue().close();
                }
                NDArray before = sum.get(e.getKey());
                if (before == null) {
                    sum.put(e.getKey(), g);
                } else {
                    sum.put(e.getKey(), before.add(g));
                    before.close();
                    g.close();
                }
            }
        }
        Map<String, NDArray> cleaned = new LinkedHashMap<>();
        try (Scope scope = Scope.open(out, sum.values().toArray(new NDArray[0]))) {
            sum.forEach((k, g) -> cleaned.put(k, scope.ret(TrainingStep.nanToNum(
                    ranks.size() > 1 ? eg3d.nn.Owned.div(g, ranks.size()) : g))));
        } finally {
            sum.values().forEach(NDArray::close);
        }
        return new Outcome(cleaned, Eg3dLoss.PhaseValues.concat(values));
    }

    /** Copies rank 0's parameters of G (or D) into every replica, after the optimiser has stepped. */
    public void broadcast(boolean generator) {
        Map<String, NDArray> master = generator ? ranks.get(0).gTrainable() : ranks.get(0).dTrainable();
        for (Rank rank : ranks.subList(1, ranks.size())) {
            Map<String, NDArray> replica = generator ? rank.gTrainable() : rank.dTrainable();
            for (Map.Entry<String, NDArray> e : master.entrySet()) {
                // Swap in the storage of a fresh copy, made without a trip through the host.
                try (NDManager scratch = replica.get(e.getKey()).getManager().newSubManager()) {
                    ((PtNDArray) replica.get(e.getKey())).intern(copyTo(e.getValue(), rank.device(), scratch));
                }
            }
        }
    }

    /** Rank r's generator (r = 0: the trainer's own). */
    public TriPlaneGenerator generator(int r) {
        return ranks.get(r).g();
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        for (Rank rank : ranks.subList(1, ranks.size())) {
            rank.g().close();
            rank.d().close();
        }
        replicaManagers.forEach(NDManager::close);
    }
}
