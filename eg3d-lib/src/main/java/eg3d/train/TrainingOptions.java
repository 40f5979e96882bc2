package eg3d.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code ./eg3d train}, with the official names and defaults (written to
 * {@code training_options.json} and into every snapshot, so a resume rebuilds the same run).
 * {@code aug} is {@code noaug}, {@code ada} (p steered towards {@code target}) or {@code fixed}
 * (p = {@code p}); see {@link AugmentPipe}.
 */
public record TrainingOptions(Path outdir, String cfg, Path data, int gpus, int batch, @Nullable Integer batchGpu,
        double gamma, double kimg, double tick, int snap, long seed, boolean mirror, boolean cond, String aug,
        double target, double p, @Nullable Path resume, boolean genPoseCond, double gpcRegProb, double densityReg,
        double densityRegPDist, int nrrInitial, @Nullable Integer nrrFinal, double nrrFadeKimg, double blurFadeKimg, double glr,
        @Nullable Double dlr, int mapDepth, int mbstdGroup, double styleMixing, int cbase, int cmax, @Nullable String devices) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern GPU_NAME = java.util.regex.Pattern.compile("(?:gpu|cuda):?(\\d+)");

    public TrainingOptions {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch: must be at least 1, got " + batch);
        }
        if (gpus < 1) {
            throw new IllegalArgumentException("--gpus: must be at least 1, got " + gpus);
        }
        if (batch % gpus != 0) {
            throw new IllegalArgumentException("--batch " + batch + " must be a multiple of --gpus " + gpus);
        }
        if (!(kimg > 0)) {
            throw new IllegalArgumentException("--kimg: must be positive, got " + kimg);
        }
        if (batchGpu != null && (batchGpu < 1 || batch % (gpus * batchGpu) != 0)) {
            throw new IllegalArgumentException("--batch " + batch + " must be a multiple of --gpus " + gpus + " times --batch-gpu "
                    + batchGpu + "; pick e.g. --batch-gpu " + batch / gpus);
        }
        int round = roundSize(batch, gpus, batchGpu);
        if (mbstdGroup < 1 || round % Math.min(mbstdGroup, round) != 0) {
            throw new IllegalArgumentException("--mbstd-group " + mbstdGroup + " must divide the batch each device takes at once, "
                    + round + " (--batch-gpu, or --batch / --gpus), or exceed it; pick e.g. --mbstd-group " + Math.min(4, round));
        }
        if (devices != null) {
            int named = deviceList(devices).size();
            if (named != gpus) {
                throw new IllegalArgumentException("--devices " + devices + " names " + named + " device(s) but --gpus is " + gpus
                        + "; name one device per --gpus");
            }
        }
        if (!aug.equals("noaug") && !aug.equals("ada") && !aug.equals("fixed")) {
            throw new IllegalArgumentException("--aug " + aug + ": expected noaug, ada or fixed");
        }
        if (!(target >= 0 && target <= 1)) {
            throw new IllegalArgumentException("--target: the ADA target is a mean sign of D's real logits, in [0, 1]; got " + target);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("--p: the augmentation probability must be in [0, 1], got " + p);
        }
    }

    /**
     * The options of {@code ./eg3d train --outdir OUTDIR --cfg CFG --data DATA --batch BATCH}: every
     * other option at the command's default (the official one), e.g. {@code --kimg 25000 --gamma 1}.
     */
    public static TrainingOptions defaults(Path outdir, String cfg, Path data, int batch) {
        return new TrainingOptions(outdir, cfg, data, 1, batch, null, 1, 25000, 4, 50, 0, false, true, "noaug", 0.6, 0.2, null,
                false, 0.5, 0.25, 0.004, 64, null, 1000, 200, 0.0025, 0.002, 2, 4, 0, 32768, 512, null);
    }

    // The withers go through the JSON form that snapshots store and resumes read, so there is one
    // copy of the thirty-field constructor call; a misspelt key fails there as an unknown property.

    /** These options with another --kimg (the total length, counted from the start of the run). */
    public TrainingOptions withKimg(double kimg) {
        return fromJson(toJson().put("kimg", kimg));
    }

    /** These options with another --tick (kimg between stats lines) and --snap (ticks between snapshots). */
    public TrainingOptions withTick(double tick, int snap) {
        return fromJson(toJson().put("tick", tick).put("snap", snap));
    }

    /** These options with another --resume: a run directory or snapshot to continue, or null for a new run. */
    public TrainingOptions withResume(@Nullable Path resume) {
        return fromJson(toJson().put("resume", resume == null ? null : resume.toString()));
    }

    /** How many samples a device takes at once: --batch-gpu, or its share of the batch. */
    public int batchPerRound() {
        return roundSize(batch, gpus, batchGpu);
    }

    private static int roundSize(int batch, int gpus, @Nullable Integer batchGpu) {
        return batchGpu != null ? batchGpu : batch / gpus;
    }

    /**
     * The devices named by {@code --devices}: {@code cpu}, or a GPU as {@code gpu0}, {@code gpu:0},
     * {@code cuda0} or {@code cuda:0}, separated by commas.
     */
    public static java.util.List<ai.djl.Device> deviceList(String devices) {
        java.util.List<ai.djl.Device> out = new java.util.ArrayList<>();
        for (String raw : devices.split(",")) {
            String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            java.util.regex.Matcher gpu = GPU_NAME.matcher(name);
            if (name.equals("cpu")) {
                out.add(ai.djl.Device.cpu());
            } else if (gpu.matches()) {
                out.add(ai.djl.Device.gpu(Integer.parseInt(gpu.group(1))));
            } else {
                throw new IllegalArgumentException("--devices " + devices + ": '" + raw.trim()
                        + "' is not a device; use cpu or gpuN (e.g. --devices gpu0,gpu1)");
            }
        }
        return out;
    }

    /** The D learning rate: --dlr, or the official default 0.002. */
    public double dLr() {
        return dlr != null ? dlr : 0.002;
    }

    /** Official EMA half-life in kimg: batch·10/32. */
    public double emaKimg() {
        return batch * 10.0 / 32;
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.valueToTree(this);
        o.put("outdir", outdir.toString()).put("data", data.toString());
        if (resume != null) {
            o.put("resume", resume.toString());
        }
        return o;
    }

    public static TrainingOptions fromJson(JsonNode o) {
        try {
            ObjectNode copy = o.deepCopy();
            // Snapshots written before augmentation existed lack these two; give the official defaults.
            if (!copy.has("target")) {
                copy.put("target", 0.6);
            }
            if (!copy.has("p")) {
                copy.put("p", 0.2);
            }
            return JSON.treeToValue(copy, TrainingOptions.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("training options: cannot read " + o + ": " + e.getMessage(), e);
        }
    }
}
