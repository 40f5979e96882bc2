package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import eg3d.model.DualDiscriminator;
import eg3d.model.FilteredResizing;
import eg3d.model.Generated;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.nn.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import eg3d.nn.Owned;

/**
 * EG3D's loss, phase by phase (the official {@code StyleGAN2Loss.accumulate_gradients}): each call
 * runs one phase's forward and backward, accumulating gradients into whichever parameters require
 * them. The caller chooses those (G's in G phases, D's in D phases), runs Adam, and holds no
 * autograd state between calls.
 *
 * <p>Faithful details: D always sees the true camera while G may be conditioned on a swapped one
 * (GPC); only {@code image} is blurred, and the real raw target is the antialiased downsample of
 * the real image, blurred alike; R1 is taken over both D inputs as D receives them (after the
 * blur); Dmain moves G's {@code w_avg}. With an {@link AugmentPipe}, every D call (fakes in Gmain
 * and Dmain, reals in Dmain and Dreg) passes its pair through the pipe after the blur, and R1
 * differentiates through the augmentation back to the un-augmented inputs.
 */
public final class Eg3dLoss {
    private static final float W_AVG_BETA = 0.998f;
    private final TriPlaneGenerator g;
    private final DualDiscriminator d;
    private final LossOptions options;
    private final R1Gradients r1;
    private final @Nullable AugmentPipe augmentPipe;
    private boolean deterministicRendering;

    public Eg3dLoss(TriPlaneGenerator g, DualDiscriminator d, LossOptions options, R1Gradients r1) {
        this(g, d, options, r1, null);
    }

    /** As above, augmenting D's inputs with {@code augmentPipe} (null: no augmentation). */
    public Eg3dLoss(TriPlaneGenerator g, DualDiscriminator d, LossOptions options, R1Gradients r1,
            @Nullable AugmentPipe augmentPipe) {
        this.g = g;
        this.d = d;
        this.options = options;
        this.r1 = r1;
        this.augmentPipe = augmentPipe;
    }

    public LossOptions getOptions() {
        return options;
    }

    /** The same loss (options, R1 helper, augmentation pipe, rendering mode) for a replica of G and D. */
    public Eg3dLoss replicate(TriPlaneGenerator replicaG, DualDiscriminator replicaD) {
        Eg3dLoss copy = new Eg3dLoss(replicaG, replicaD, options, r1, augmentPipe);
        copy.deterministicRendering = deterministicRendering;
        return copy;
    }

    /** Deterministic rendering (no depth jitter, even importance samples): parity replays only. */
    public void setDeterministicRendering(boolean deterministic) {
        this.deterministicRendering = deterministic;
    }

    /** One phase's values, copied to the host: logits, losses, penalties, as the official stats name them. */
    public record PhaseValues(Map<String, float[]> values) {
        public float[] get(String key) {
            float[] v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("no value '" + key + "' in this phase; have " + values.keySet());
            }
            return v;
        }

        public float mean(String key) {
            float[] v = get(key);
            double s = 0;
            for (float x : v) {
                s += x;
            }
            return (float) (s / v.length);
        }

        /** The values of several rounds or ranks, in order: each key's arrays joined. */
        public static PhaseValues concat(List<PhaseValues> parts) {
            if (parts.size() == 1) {
                return parts.get(0);
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            for (PhaseValues part : parts) {
                part.values().forEach((k, v) -> out.merge(k, v, (a, b) -> {
                    float[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                }));
            }
            return new PhaseValues(out);
        }
    }

    /**
     * Runs {@code phase} on one batch: realImg [B,3,R,R] in [−1,1], realC [B,25], genZ [B,zDim],
     * genC [B,25]; the backward is scaled by {@code gain} (the phase's interval).
     */
    public PhaseValues accumulate(Phase phase, NDArray realImg, NDArray realC, NDArray genZ, NDArray genC, float gain,
            long curNimg, TrainingDraws draws) {
        LossOptions.Schedule s = options.schedule(curNimg);
        Map<String, float[]> out = new LinkedHashMap<>();
        NDManager parent = realImg.getManager();
        try (Scope scope = Scope.open(parent, g.getParams().all(), d.getParams().all(),
                new NDArray[] {realImg, realC, genZ, genC});
                AutoCloseable grad = Autograd.recording()) {
            switch (phase) {
                case GMAIN -> {
                    Gen gen = runG(genZ, genC, s, draws, Phase.GMAIN, false);
                    out.put("ws", gen.ws.get(":, 0").toFloatArray());
                    NDArray dImage = Blur.apply(gen.out.getImage(), s.blurSigma());
                    out.put("d_image", dImage.toFloatArray());
                    out.put("d_image_raw", gen.out.getImageRaw().toFloatArray());
                    NDArray[] dIn = draws.generatedDInput(Phase.GMAIN, dImage, gen.out.getImageRaw());
                    NDArray logits = discriminate(dIn[0], dIn[1], genC, draws);
                    NDArray loss = Activation.softPlus(logits.neg());
                    out.put("gen_logits", logits.toFloatArray());
                    out.put("loss_Gmain", loss.toFloatArray());
                    Autograd.backward(Owned.mul(loss.mean(), gain));
                }
                case GREG -> densityReg(genZ, genC, s, draws, gain, out);
                case DMAIN -> {
                    Gen gen = runG(genZ, genC, s, draws, Phase.DMAIN, true);
                    out.put("ws", gen.ws.get(":, 0").toFloatArray());
                    NDArray genLogits = runD(gen.out.getImage(), gen.out.getImageRaw(), genC, s.blurSigma(), draws);
                    NDArray lossGen = Activation.softPlus(genLogits);
                    out.put("gen_logits", genLogits.toFloatArray());
                    out.put("loss_Dgen", lossGen.toFloatArray());
                    Autograd.backward(Owned.mul(lossGen.mean(), gain));
                    NDArray[] real = realInputs(realImg, s);
                    NDArray realLogits = discriminate(real[0], real[1], realC, draws);
                    NDArray lossReal = Activation.softPlus(realLogits.neg());
                    out.put("real_logits", realLogits.toFloatArray());
                    out.put("loss_Dreal", lossReal.toFloatArray());
                    Autograd.backward(Owned.mul(lossReal.mean(), gain));
                }
                case DREG -> {
                    NDArray[] real = realInputs(realImg, s);
                    NDArray image = real[0].stopGradient(), raw = real[1].stopGradient();
                    image.setRequiresGradient(true);
                    raw.setRequiresGradient(true);
                    NDArray realLogits = discriminate(image, raw, realC, draws);
                    NDArray penalty = r1.penalty(realLogits, image, raw);
                    NDArray lossR1 = Owned.mul(penalty, (float) (options.r1Gamma() / 2));
                    out.put("real_logits", realLogits.toFloatArray());
                    out.put("r1_penalty", penalty.toFloatArray());
                    out.put("loss_Dr1", lossR1.toFloatArray());
                    Autograd.backward(Owned.mul(lossR1.mean(), gain));
                }
                default -> throw new IllegalStateException("unknown phase " + phase);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(phase.official() + ": " + e.getMessage(), e);
        }
        return new PhaseValues(out);
    }

    /** The real image and raw target as D receives them: blurred image, antialiased (and blurred) raw. */
    private NDArray[] realInputs(NDArray realImg, LossOptions.Schedule s) {
        NDArray raw = FilteredResizing.antialiased(realImg, s.neuralRenderingResolution());
        return new NDArray[] {Blur.apply(realImg, s.blurSigma()), Blur.apply(raw, s.blurSigma())};
    }

    private record Gen(NDArray ws, Generated out) {}

    /** The official run_G: GPC conditioning, mapping (maybe updating w_avg), style mixing, training synthesis. */
    private Gen runG(NDArray z, NDArray c, LossOptions.Schedule s, TrainingDraws draws, Phase phase, boolean updateWAvg) {
        NDArray cond = conditioning(c, s.swappingProb(), draws, false);
        NDArray ws = g.mapping(z, cond, 1f, null);
        if (updateWAvg) {
            updateWAvg(ws);
        }
        ws = styleMix(ws, z, c, draws);
        RenderSpec spec = new RenderSpec(s.neuralRenderingResolution(), deterministicRendering, NoiseMode.RANDOM,
                RenderSpec.DEFAULT_CHUNK_RAYS);
        return new Gen(ws, g.synthesisForTraining(ws, c, spec, draws.backboneNoise(phase)));
    }

    /** c for G's mapping: zeros without GPC; else, per sample (or for all, in Greg), the previous sample's camera. */
    private NDArray conditioning(NDArray c, @Nullable Double swappingProb, TrainingDraws draws, boolean wholeBatch) {
        if (swappingProb == null) {
            return c.zerosLike();
        }
        long n = c.getShape().get(0);
        NDArray swapped = NDArrays.concat(new NDList(c.get("-1:"), c.get(":-1")), 0);       // torch.roll(c, 1, 0)
        float[] mask = new float[(int) n];
        boolean all = wholeBatch && draws.nextDouble() < swappingProb;
        for (int i = 0; i < n; i++) {
            mask[i] = wholeBatch ? (all ? 1 : 0) : (draws.nextDouble() < swappingProb ? 1 : 0);
        }
        NDArray m = Owned.of(c.getManager().create(mask, new Shape(n, 1)));
        return NDArrays.where(m.gt(0.5f).broadcast(c.getShape()), swapped, c);
    }

    private NDArray styleMix(NDArray ws, NDArray z, NDArray c, TrainingDraws draws) {
        if (options.styleMixingProb() <= 0) {
            return ws;
        }
        int numWs = (int) ws.getShape().get(1);
        int cutoff = draws.nextInt(1, numWs);
        if (!(draws.nextDouble() < options.styleMixingProb())) {
            return ws;
        }
        NDArray other = g.mapping(draws.normal(z.getManager(), z.getShape()), c, 1f, null);
        return ws.get(":, :{}", cutoff).concat(other.get(":, {}:", cutoff), 1);
    }

    /** w_avg ← lerp(mean of this batch's w, w_avg, 0.998), as the mapping does with update_emas. */
    private void updateWAvg(NDArray ws) {
        NDArray wAvg = g.getParams().get("backbone.mapping.w_avg");
        if (wAvg == null) {
            return;
        }
        NDArray mean = ws.stopGradient().get(":, 0").mean(new int[] {0});
        // torch.lerp with weight ≥ 0.5: end − (end − start)·(1 − weight), end = w_avg.
        NDArray updated = wAvg.sub(Owned.mul(wAvg.sub(mean), 1 - W_AVG_BETA));
        wAvg.set(updated.toByteBuffer());
    }

    private NDArray cameraForD(NDArray c, TrainingDraws draws) {
        if (options.discCNoise() <= 0) {
            return c;
        }
        NDArray std = c.sub(c.mean(new int[] {0}, true)).square().sum(new int[] {0}, true)
                .div(Math.max(1, c.getShape().get(0) - 1)).sqrt();
        return c.add(draws.normal(c.getManager(), c.getShape()).mul(std).mul((float) options.discCNoise()));
    }

    /** The official run_D: blur {@code image} (never the raw image), then D. */
    private NDArray runD(NDArray image, NDArray imageRaw, NDArray c, double blurSigma, TrainingDraws draws) {
        return discriminate(Blur.apply(image, blurSigma), imageRaw, c, draws);
    }

    /** D on an already blurred pair, augmented first when there is a pipe; the camera label is never augmented. */
    private NDArray discriminate(NDArray image, NDArray imageRaw, NDArray c, TrainingDraws draws) {
        if (augmentPipe != null) {
            NDArray[] augmented = augmentPipe.applyPair(image, imageRaw, draws.augmentation());
            return d.forward(augmented[0], augmented[1], cameraForD(c, draws));
        }
        return d.forward(image, imageRaw, cameraForD(c, draws));
    }

    private void densityReg(NDArray z, NDArray c, LossOptions.Schedule s, TrainingDraws draws, float gain,
            Map<String, float[]> out) {
        if (options.densityReg() <= 0) {
            return;
        }
        double boxWarp = g.getConfig().rendering().boxWarp();
        if (options.regType() != RegType.L1) {
            // Monotonic term: σ in front must not be below σ 1/256 of the box behind it (along −z).
            NDArray ws = styleMix(g.mapping(z, conditioning(c, s.swappingProb(), draws, true), 1f, null), z, c, draws);
            NDArray front = Owned.mul(draws.uniform(z.getManager(), new Shape(ws.getShape().get(0), 2000, 3)), 2f).sub(1f);
            NDArray behind = front.add(Owned.of(z.getManager().create(new float[] {0, 0, -1})).mul((float) (boxWarp / 256)));
            NDArray sigma = g.sampleMixedForTraining(front.concat(behind, 1), ws, NoiseMode.RANDOM,
                    draws.backboneNoise(Phase.GREG))[0];
            NDArray initial = sigma.get(":, :2000"), perturbed = sigma.get(":, 2000:");
            NDArray ahead = options.regType() == RegType.MONOTONIC_DETACH ? initial.stopGradient() : initial;
            NDArray monotonic = Owned.mul(Activation.relu(ahead.sub(perturbed)).mean(), 10f);
            out.put("monotonic_loss", new float[] {monotonic.getFloat()});
            Autograd.backward(Owned.mul(monotonic, gain));
        }
        NDArray ws = styleMix(g.mapping(z, conditioning(c, s.swappingProb(), draws, true), 1f, null), z, c, draws);
        out.put("ws", ws.get(":, 0").toFloatArray());
        long n = ws.getShape().get(0);
        double pDist = options.regType() == RegType.L1 ? options.densityRegPDist() : boxWarp / 256;
        NDArray initial = Owned.mul(draws.uniform(z.getManager(), new Shape(n, 1000, 3)), 2f).sub(1f);
        NDArray perturbed = initial.add(Owned.mul(draws.normal(z.getManager(), new Shape(n, 1000, 3)), (float) pDist));
        NDArray sigma = g.sampleMixedForTraining(initial.concat(perturbed, 1), ws, NoiseMode.RANDOM,
                draws.backboneNoise(Phase.GREG))[0];
        NDArray diff = sigma.get(":, :1000").sub(sigma.get(":, 1000:"));
        // l1_loss = mean |diff|, written as mean(diff · sign(diff)) so a replay can fix the signs of near-ties.
        NDArray sign = draws.l1Sign(Phase.GREG, diff.stopGradient());
        NDArray tv = diff.mul(sign).mean().mul((float) options.densityReg());
        out.put("density_sigma", sigma.toFloatArray());
        out.put("TVloss", new float[] {tv.getFloat()});
        Autograd.backward(Owned.mul(tv, gain));
    }
}
