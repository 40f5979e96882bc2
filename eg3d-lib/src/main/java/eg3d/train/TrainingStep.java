package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import eg3d.model.DualDiscriminator;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Params;
import eg3d.nn.Scope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import eg3d.nn.Owned;

/**
 * One iteration of the official training loop: for each phase due at this batch index, zero the
 * phase module's gradients, let the loss accumulate them (G's parameters require grad only in G
 * phases, D's only in D phases), clean them (NaN → 0, ±inf → ±1e5) and step that module's Adam;
 * then update G_ema. The batch goes through a {@link DataParallel}: over one or more devices, in
 * rounds of {@code --batch-gpu}.
 *
 * <p>A parameter that takes no part in a phase is skipped by Adam, as the reference skips a
 * {@code grad} of None: parameters that never received a gradient, the super-resolution head in
 * Greg (density regularisation never reaches it) and D's final bias in Dreg (R1 does not depend on it).
 */
public final class TrainingStep {
    private final TriPlaneGenerator g, gEma;
    private final DualDiscriminator d;
    private final Eg3dLoss loss;
    private final Adam optG, optD;
    private final int gRegInterval, dRegInterval;
    private final Map<String, NDArray> gTrainable, dTrainable;
    private final DataParallel parallel;

    /** One device, each phase over the whole batch at once. */
    public TrainingStep(TriPlaneGenerator g, TriPlaneGenerator gEma, DualDiscriminator d, Eg3dLoss loss,
            Adam optG, Adam optD, int gRegInterval, int dRegInterval) {
        this(g, gEma, d, loss, optG, optD, gRegInterval, dRegInterval,
                new DataParallel(g, d, loss, List.of(g.getParams().getManager().getDevice()), 0));
    }

    /** The batch split by {@code parallel}, whose rank 0 holds {@code g} and {@code d}. */
    public TrainingStep(TriPlaneGenerator g, TriPlaneGenerator gEma, DualDiscriminator d, Eg3dLoss loss,
            Adam optG, Adam optD, int gRegInterval, int dRegInterval, DataParallel parallel) {
        this.g = g;
        this.gEma = gEma;
        this.d = d;
        this.loss = loss;
        this.optG = optG;
        this.optD = optD;
        this.gRegInterval = gRegInterval;
        this.dRegInterval = dRegInterval;
        this.gTrainable = trainable(g.getParams());
        this.dTrainable = trainable(d.getParams());
        this.parallel = parallel;
        Autograd.requireGrad(gTrainable.values(), false);
        Autograd.requireGrad(dTrainable.values(), false);
    }

    /** The learnable parameters (not buffers) of a network, by official name. */
    public static Map<String, NDArray> trainable(Params params) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.asMap().forEach((k, v) -> {
            if (!isBuffer(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether an official key names a buffer (no gradient, copied into G_ema rather than averaged). */
    public static boolean isBuffer(String key) {
        return key.endsWith("w_avg") || key.endsWith("noise_const") || key.endsWith("resample_filter")
                || key.endsWith("dataset_label_std");
    }

    /** Whether {@code phase} leaves this parameter without a gradient by construction. */
    static boolean skippedIn(Phase phase, String key) {
        return (phase == Phase.GREG && key.startsWith("superresolution."))
                || (phase == Phase.DREG && key.equals("b4.out.bias"));
    }

    /** The phases due at {@code batchIdx}, with their gains (the interval). */
    public Map<Phase, Integer> phasesAt(long batchIdx) {
        Map<Phase, Integer> out = new EnumMap<>(Phase.class);
        out.put(Phase.GMAIN, 1);
        if (gRegInterval > 0 && batchIdx % gRegInterval == 0 && loss.getOptions().densityReg() > 0) {
            out.put(Phase.GREG, gRegInterval);
        }
        out.put(Phase.DMAIN, 1);
        if (dRegInterval > 0 && batchIdx % dRegInterval == 0 && loss.getOptions().r1Gamma() > 0) {
            out.put(Phase.DREG, dRegInterval);
        }
        return out;
    }

    /** A phase's outcome: the loss values, and the cleaned gradients (on the caller's manager). */
    public record PhaseOutcome(Eg3dLoss.PhaseValues values, Map<String, NDArray> grads) implements AutoCloseable {
        @Override
        public void close() {
            grads.values().forEach(NDArray::close);
        }
    }

    /** Forward and backward of one phase; gradients are returned, not applied. Every rank uses {@code draws}. */
    public PhaseOutcome gradients(Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC, int gain,
            long curNimg, TrainingDraws draws) {
        return gradients(phase, realImg, realC, genZ, genC, gain, curNimg, rank -> draws);
    }

    /** As above, rank r drawing from {@code drawsOf.apply(r)}. */
    public PhaseOutcome gradients(Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC, int gain,
            long curNimg, IntFunction<TrainingDraws> drawsOf) {
        DataParallel.Outcome o = parallel.gradients(phase, realImg, realC, genZ, genC, gain, curNimg, drawsOf,
                realImg.getManager());
        return new PhaseOutcome(o.values(), o.grads());
    }

    /** nan → 0, +inf → 1e5, −inf → −1e5, as the reference cleans gradients before Adam. */
    static NDArray nanToNum(NDArray g) {
        NDArray x = NDArrays.where(g.isNaN(), g.zerosLike(), g);
        NDArray inf = x.isInfinite();
        return NDArrays.where(inf, Owned.mul(x.sign(), 1e5f), x);
    }

    /** One phase with its Adam step; the replicas then take the new parameters. */
    public Eg3dLoss.PhaseValues runPhase(Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC,
            int gain, long curNimg, IntFunction<TrainingDraws> drawsOf) {
        try (PhaseOutcome o = gradients(phase, realImg, realC, genZ, genC, gain, curNimg, drawsOf)) {
            if (phase.trainsGenerator()) {
                optG.step(gTrainable, o.grads());
            } else {
                optD.step(dTrainable, o.grads());
            }
            parallel.broadcast(phase.trainsGenerator());
            return o.values();
        }
    }

    /** As above, every rank drawing from {@code draws}. */
    public Eg3dLoss.PhaseValues runPhase(Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC,
            int gain, long curNimg, TrainingDraws draws) {
        return runPhase(phase, realImg, realC, genZ, genC, gain, curNimg, rank -> draws);
    }

    /**
     * One iteration at {@code batchIdx}/{@code curNimg}: the due phases, each with its own gen z and
     * c (index = the phase's position among all four), then G_ema with {@code emaBeta}. Rank r of
     * the data parallel draws from {@code drawsOf.apply(r)}.
     */
    public Map<Phase, Eg3dLoss.PhaseValues> iterate(long batchIdx, long curNimg, NDArray realImg, NDArray realC,
            List<NDArray> genZ, List<NDArray> genC, double emaBeta, IntFunction<TrainingDraws> drawsOf) {
        Map<Phase, Eg3dLoss.PhaseValues> out = new EnumMap<>(Phase.class);
        for (Map.Entry<Phase, Integer> e : phasesAt(batchIdx).entrySet()) {
            int i = e.getKey().ordinal();
            out.put(e.getKey(), runPhase(e.getKey(), realImg, realC, genZ.get(i), genC.get(i), e.getValue(), curNimg, drawsOf));
        }
        updateEma(emaBeta);
        return out;
    }

    /** β = 0.5^(batch / ema_nimg), ema_nimg = ema_kimg·1000, ramped up as min(ema_nimg, cur_nimg·rampup). */
    public static double emaBeta(long curNimg, int batch, double emaKimg, @Nullable Double emaRampup) {
        double emaNimg = emaKimg * 1000;
        if (emaRampup != null) {
            emaNimg = Math.min(emaNimg, curNimg * emaRampup);
        }
        return Math.pow(0.5, batch / Math.max(emaNimg, 1e-8));
    }

    /** G_ema ← lerp(G, G_ema, β) for parameters; buffers are copied. */
    public void updateEma(double beta) {
        Map<String, NDArray> src = g.getParams().asMap();
        List<NDArray> borrowed = new ArrayList<>(src.values());
        borrowed.addAll(gEma.getParams().asMap().values());
        try (Scope scope = Scope.open(gEma.getParams().getManager(), borrowed.toArray(new NDArray[0]))) {
            for (Map.Entry<String, NDArray> e : gEma.getParams().asMap().entrySet()) {
                NDArray p = src.get(e.getKey());
                NDArray ema = e.getValue();
                if (p == null) {
                    continue;
                }
                if (isBuffer(e.getKey())) {
                    ema.set(p.toByteBuffer());
                } else {
                    // torch.lerp(p, ema, β) with β ≥ 0.5: ema − (ema − p)·(1 − β).
                    ema.subi(Owned.mul(ema.sub(p), 1f - (float) beta));
                }
            }
        }
    }

    public Adam getOptimizerG() {
        return optG;
    }

    public Adam getOptimizerD() {
        return optD;
    }

    public Map<String, NDArray> getGeneratorTrainable() {
        return gTrainable;
    }

    public Map<String, NDArray> getDiscriminatorTrainable() {
        return dTrainable;
    }
}
