package eg3d.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.data.DatasetOptions;
import eg3d.data.Eg3dDataset;
import eg3d.io.Checkpoint;
import eg3d.io.HostTensor;
import eg3d.media.Images;
import eg3d.model.DiscriminatorConfig;
import eg3d.model.DualDiscriminator;
import eg3d.model.Generated;
import eg3d.model.GeneratorConfig;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.nn.Params;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The training loop: iterations of {@link TrainingStep}, statistics per tick ({@code stats.jsonl}),
 * image grids, and snapshots ({@code network-snapshot-KKKKKK.ckpt}, native format with optimizer
 * state, kimg, schedules and the RNG position) written atomically.
 *
 * <p>A resume continues exactly: kimg, batch index, Adam moments and step counts, and the random
 * streams, which are derived from (seed, batch index) at every iteration rather than carried as
 * state. The data order restarts a fresh shuffle seeded from the same pair. A NaN or infinite loss
 * stops the run before anything else is written, so the last snapshot stays the last good one. An
 * interrupt of the training thread stops it after a snapshot.
 *
 * <p>With {@code --aug ada} or {@code fixed}, an {@link AugmentPipe} augments every D input. ADA
 * adjusts its p every {@value AugmentPipe#ADA_INTERVAL} iterations from the signs of D's real
 * logits in Dmain; p and the signs gathered since the last adjustment are saved in snapshots, so a
 * resume continues them, and each stats line reports p as {@code Progress/augment}.
 */
public final class Trainer implements AutoCloseable {
    /** Why a run stopped. */
    public enum Stop { DONE, INTERRUPTED, DIVERGED }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int G_REG_INTERVAL = 4, D_REG_INTERVAL = 16;
    private final TrainingOptions options;
    private final Cfg cfg;
    private final Path runDir;
    private final Eg3dDataset data;
    private final NDManager manager;
    private final GeneratorConfig gConfig;
    private final DiscriminatorConfig dConfig;
    private final TriPlaneGenerator g, gEma;
    private final DualDiscriminator d;
    private final R1Gradients r1;
    private final Adam optG, optD;
    private final Eg3dLoss loss;
    private final TrainingStep step;
    private final DataParallel parallel;
    private final @Nullable AugmentPipe augmentPipe;
    private long curNimg, batchIdx;
    private int tickIdx;
    private volatile boolean stopRequested;
    private @Nullable Path lastSnapshot;

    private Trainer(TrainingOptions options, List<Device> devices, Path runDir, @Nullable Checkpoint resume,
            @Nullable Path resumeFile) {
        this.options = options;
        this.cfg = Cfg.parse(options.cfg());
        this.runDir = runDir;
        this.data = Eg3dDataset.open(options.data(), DatasetOptions.defaults().withXflip(options.mirror())
                .withUseLabels(true).withSeed(options.seed()));
        if (resume != null) {
            data.skip(resume.metadata().path("training").path("cur_nimg").asLong());
        }
        int res = data.getResolution();
        this.gConfig = cfg.generator(options, res);
        this.dConfig = cfg.discriminator(options, res);
        this.manager = NDManager.newBaseManager(devices.get(0));
        if (resume == null) {
            g = new TriPlaneGenerator(gConfig, Params.initialize(manager.newSubManager(), options.seed()));
            g.getDatasetLabelStd().set(data.labelStd());
            gEma = new TriPlaneGenerator(gConfig, copy(g.getParams(), "G_ema (copy of G)"));
            d = new DualDiscriminator(dConfig, Params.initialize(manager.newSubManager(), options.seed() + 1));
        } else {
            String src = String.valueOf(resumeFile);
            g = new TriPlaneGenerator(gConfig, params(resume.network(Checkpoint.G), src + " (G)"));
            gEma = new TriPlaneGenerator(gConfig, params(resume.network(Checkpoint.G_EMA), src + " (G_ema)"));
            d = new DualDiscriminator(dConfig, params(resume.network(Checkpoint.D), src + " (D)"));
        }
        r1 = new R1Gradients(manager);
        optG = new Adam(manager, new Adam.Hyper(options.glr(), 0, 0.99, 1e-8).lazy(G_REG_INTERVAL));
        optD = new Adam(manager, new Adam.Hyper(options.dLr(), 0, 0.99, 1e-8).lazy(D_REG_INTERVAL));
        augmentPipe = AugmentPipe.of(options);
        loss = new Eg3dLoss(g, d, cfg.loss(options, res), r1, augmentPipe);
        parallel = new DataParallel(g, d, loss, devices, options.batchPerRound());
        step = new TrainingStep(g, gEma, d, loss, optG, optD, G_REG_INTERVAL, D_REG_INTERVAL, parallel);
        if (resume != null) {
            JsonNode t = resume.metadata().path("training");
            curNimg = t.path("cur_nimg").asLong();
            batchIdx = t.path("batch_idx").asLong();
            tickIdx = t.path("tick").asInt();
            restore(optG, resume, "opt.G.", t.path("opt_steps").path("G"));
            restore(optD, resume, "opt.D.", t.path("opt_steps").path("D"));
            if (augmentPipe != null) {
                JsonNode ada = t.path("ada_signs");
                augmentPipe.restore(new AugmentPipe.State(t.path("augment_p").asDouble(augmentPipe.getP()),
                        ada.path("sum").asDouble(), ada.path("num").asLong()));
            }
            lastSnapshot = resumeFile;
        }
    }

    /**
     * The devices of a run: {@code --devices} when given, else the first {@code --gpus} GPUs, or the
     * engine's default device when there is one rank.
     */
    public static List<Device> devices(TrainingOptions o) {
        int visible = Engine.getInstance().getGpuCount();
        if (o.devices() != null) {
            List<Device> named = TrainingOptions.deviceList(o.devices());
            for (Device device : named) {
                if (device.isGpu() && device.getDeviceId() >= visible) {
                    throw new IllegalArgumentException("--devices " + o.devices() + ": " + device + " is not here; PyTorch sees "
                            + visible + " GPU(s) on this host");
                }
            }
            return named;
        }
        if (o.gpus() == 1) {
            return List.of(Engine.getInstance().defaultDevice());
        }
        if (visible < o.gpus()) {
            throw new IllegalArgumentException("--gpus " + o.gpus() + ": PyTorch sees " + visible + " GPU(s) on this host; use --gpus "
                    + Math.max(1, visible) + ", or --devices " + String.join(",", java.util.Collections.nCopies(o.gpus(), "cpu"))
                    + " to run the data-parallel path on the CPU");
        }
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < o.gpus(); i++) {
            gpus.add(Device.gpu(i));
        }
        return gpus;
    }

    /** Starts a new run in a fresh run directory under --outdir, or resumes --resume (a run directory or a snapshot). */
    public static Trainer start(TrainingOptions options) {
        return start(options, null);
    }

    /** How a resumed run spreads over devices, in place of the one it was saved with (the batch stays). */
    public record DeviceSplit(int gpus, @Nullable Integer batchGpu, @Nullable String devices) {}

    /**
     * As {@link #start(TrainingOptions)}; a resume with a {@code split} continues on other devices
     * (e.g. a GPU run on a host with fewer GPUs). The random streams then differ from the saved run's.
     */
    public static Trainer start(TrainingOptions options, @Nullable DeviceSplit split) {
        if (options.resume() != null) {
            Path file = latestSnapshot(options.resume());
            Checkpoint ckpt = Checkpoint.read(file);
            JsonNode saved = ckpt.metadata().path("training").path("options");
            if (saved.isMissingNode()) {
                throw new IllegalArgumentException(file + ": not a training snapshot (no training.options in its metadata);"
                        + " resume from a network-snapshot-*.ckpt written by ./eg3d train");
            }
            ObjectNode kept = ((ObjectNode) saved.deepCopy()).put("kimg", options.kimg()).put("resume", file.toString());
            if (split != null) {
                kept.put("gpus", split.gpus()).put("batchGpu", split.batchGpu()).put("devices", split.devices());
            }
            TrainingOptions merged = TrainingOptions.fromJson(kept);
            return new Trainer(merged, devices(merged), file.getParent(), ckpt, file);
        }
        List<Device> devices = devices(options);        // refused before anything is written
        Path dir = nextRunDir(options);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("training_options.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(describe(options)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        return new Trainer(options, devices, dir, null, null);
    }

    /** The run directory and training_options.json content of a run, without creating anything (dry run). */
    public static ObjectNode describe(TrainingOptions options) {
        ObjectNode o = JSON.createObjectNode();
        o.set("options", options.toJson());
        o.put("run_dir", nextRunDir(options).toString());
        o.put("num_gpus", options.gpus()).put("batch_size", options.batch()).put("batch_gpu", options.batchPerRound());
        o.put("G_reg_interval", G_REG_INTERVAL).put("D_reg_interval", D_REG_INTERVAL);
        o.put("ema_kimg", options.emaKimg()).put("ema_rampup", 0.05);
        o.putObject("G_opt_kwargs").put("lr", options.glr()).put("eps", 1e-8).putArray("betas").add(0).add(0.99);
        o.putObject("D_opt_kwargs").put("lr", options.dLr()).put("eps", 1e-8).putArray("betas").add(0).add(0.99);
        AugmentPipe pipe = AugmentPipe.of(options);
        if (pipe != null) {
            // The reference's flat form: the class name beside the pipe's kwargs.
            ObjectNode kwargs = o.putObject("augment_kwargs").put("class_name", AugmentPipe.CLASS_NAME);
            kwargs.setAll((ObjectNode) pipe.describe(JSON).get("init_kwargs"));
            o.put("augment_p", pipe.getP());
            if (pipe.getTarget() != null) {
                o.put("ada_target", pipe.getTarget()).put("ada_kimg", AugmentPipe.ADA_KIMG);
            }
        }
        return o;
    }

    static Path nextRunDir(TrainingOptions o) {
        int next = 0;
        if (Files.isDirectory(o.outdir())) {
            try (Stream<Path> s = Files.list(o.outdir())) {
                next = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{5}-.*"))
                        .mapToInt(n -> Integer.parseInt(n.substring(0, 5)) + 1).max().orElse(0);
            } catch (IOException e) {
                throw new UncheckedIOException(o.outdir() + ": cannot list: " + e.getMessage(), e);
            }
        }
        String dataName = o.data().getFileName().toString().replaceFirst("\\.zip$", "");
        String desc = String.format("%s-%s-gpus%d-batch%d-gamma%s", o.cfg(), dataName, o.gpus(), o.batch(), fmtG(o.gamma()));
        return o.outdir().resolve(String.format("%05d-%s", next, desc));
    }

    private static String fmtG(double v) {
        String s = String.format("%.6g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static Path latestSnapshot(Path resume) {
        if (Files.isRegularFile(resume)) {
            return resume;
        }
        try (Stream<Path> s = Files.list(resume)) {
            return s.filter(p -> p.getFileName().toString().matches("network-snapshot-\\d{6}\\.ckpt")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalArgumentException("--resume " + resume
                            + ": no network-snapshot-KKKKKK.ckpt in that directory; give a run directory or a snapshot file"));
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume " + resume + ": not a file or readable directory", e);
        }
    }

    public Path getRunDir() {
        return runDir;
    }

    public double getKimg() {
        return curNimg / 1000.0;
    }

    public long getBatchIdx() {
        return batchIdx;
    }

    public @Nullable Path getLastSnapshot() {
        return lastSnapshot;
    }

    public TriPlaneGenerator getGeneratorEma() {
        return gEma;
    }

    public TrainingStep getStep() {
        return step;
    }

    /** The augmentation pipe, or null for {@code --aug noaug}. */
    public @Nullable AugmentPipe getAugmentPipe() {
        return augmentPipe;
    }

    /**
     * Asks the loop to stop after the current iteration, write a snapshot and return
     * {@link Stop#INTERRUPTED}: the same as interrupting the training thread, without risking an
     * interrupt in the middle of a file write. Safe from any thread.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs a file write with the thread's interrupt held back and raised again afterwards: NIO
     * channels close when their thread is interrupted, which would cut a snapshot or a stats line
     * short instead of stopping the loop at its next check.
     */
    private static void uninterruptibly(Runnable write) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    write.run();
                    return;
                } catch (RuntimeException e) {
                    if (attempt > 0 || !causedByInterrupt(e)) {
                        throw e;
                    }
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedByInterruptException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** Trains until --kimg, an interrupt, {@link #requestStop}, or a non-finite loss. */
    public Stop run(TrainingListener listener) {
        int batch = options.batch();
        long totalNimg = Math.round(options.kimg() * 1000);
        int gridN = Math.min(8, data.size());
        if (batchIdx == 0) {
            uninterruptibly(() -> Images.writePng(data.grid(gridN), runDir.resolve("reals.png")));
            writeGrids(listener, "fakes_init");
        }
        long tickStartNimg = curNimg;
        long tickStartTime = System.nanoTime();
        int tickSteps = 0;
        Map<String, double[]> stats = new TreeMap<>();
        while (true) {
            if (stopRequested || Thread.interrupted()) {
                Path snap = snapshot(listener);
                listener.onEnd(getKimg(), Stop.INTERRUPTED, "interrupted at kimg " + getKimg() + "; snapshot " + snap);
                return Stop.INTERRUPTED;
            }
            long seed = mix(options.seed(), batchIdx);
            Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
            Random host = new Random(seed);
            Random[] hosts = new Random[parallel.size()];         // rank 0 keeps the one-device stream
            for (int r = 0; r < hosts.length; r++) {
                hosts[r] = r == 0 ? host : new Random(mix(seed, r));
            }
            Map<Phase, Eg3dLoss.PhaseValues> values;
            try (NDManager m = manager.newSubManager(); Eg3dDataset.Batch real = data.next(m, batch)) {
                List<NDArray> zs = new ArrayList<>(), cs = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    zs.add(m.randomNormal(new Shape(batch, gConfig.zDim())));
                    float[] labels = new float[batch * 25];
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(data.label(host.nextInt(data.size())), 0, labels, b * 25, 25);
                    }
                    cs.add(m.create(labels, new Shape(batch, 25)));
                }
                double beta = TrainingStep.emaBeta(curNimg, batch, options.emaKimg(), 0.05);
                values = step.iterate(batchIdx, curNimg, real.images(), real.c(), zs, cs, beta,
                        rank -> rank == 0 ? TrainingDraws.engine(hosts[0]) : TrainingDraws.host(hosts[rank]));
            }
            String bad = firstNonFinite(values);
            if (bad != null) {
                String msg = "loss diverged: " + bad + " at kimg " + String.format("%.3f", getKimg()) + " (batch "
                        + batchIdx + "). Nothing was written after the last good snapshot"
                        + (lastSnapshot == null ? " (none yet)" : " " + lastSnapshot)
                        + ". Resume from it with a lower --glr/--dlr or a larger --gamma.";
                listener.onEnd(getKimg(), Stop.DIVERGED, msg);
                return Stop.DIVERGED;
            }
            Map<String, Double> losses = accumulate(values, stats);
            curNimg += batch;
            batchIdx++;
            tickSteps++;
            if (augmentPipe != null) {
                Eg3dLoss.PhaseValues dmain = values.get(Phase.DMAIN);
                if (dmain != null) {
                    augmentPipe.observeRealLogits(dmain.get("real_logits"));
                }
                augmentPipe.adaStep(batchIdx, batch);
            }
            listener.onStep(getKimg(), batchIdx, losses);
            boolean done = curNimg >= totalNimg;
            if (done || curNimg >= tickStartNimg + Math.round(options.tick() * 1000)) {
                double seconds = (System.nanoTime() - tickStartTime) / 1e9;
                double kimgPerSec = (curNimg - tickStartNimg) / 1000.0 / Math.max(seconds, 1e-9);
                Map<String, Double> means = writeStats(stats, seconds, kimgPerSec);
                listener.onTick(getKimg(), kimgPerSec, seconds / Math.max(1, tickSteps), means);
                tickIdx++;
                stats.clear();
                tickSteps = 0;
                tickStartNimg = curNimg;
                tickStartTime = System.nanoTime();
                if (done || tickIdx % Math.max(1, options.snap()) == 0) {
                    writeGrids(listener, String.format("fakes%06d", curNimg / 1000));
                    snapshot(listener);
                }
            }
            if (done) {
                listener.onEnd(getKimg(), Stop.DONE, "reached " + options.kimg() + " kimg");
                return Stop.DONE;
            }
        }
    }

    private static @Nullable String firstNonFinite(Map<Phase, Eg3dLoss.PhaseValues> values) {
        for (Map.Entry<Phase, Eg3dLoss.PhaseValues> e : values.entrySet()) {
            for (Map.Entry<String, float[]> v : e.getValue().values().entrySet()) {
                if (v.getKey().startsWith("loss") || v.getKey().equals("TVloss")) {
                    for (float x : v.getValue()) {
                        if (!Float.isFinite(x)) {
                            return "phase " + e.getKey().official() + " " + v.getKey() + " = " + x;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Adds this iteration's values to the tick's sums under the official stat names; returns the means. */
    private static Map<String, Double> accumulate(Map<Phase, Eg3dLoss.PhaseValues> values, Map<String, double[]> stats) {
        Map<String, Double> out = new LinkedHashMap<>();
        add(values, Phase.GMAIN, "loss_Gmain", "Loss/G/loss", stats, out);
        add(values, Phase.GMAIN, "gen_logits", "Loss/scores/fake", stats, out);
        add(values, Phase.GREG, "TVloss", "Loss/G/reg", stats, out);
        add(values, Phase.DMAIN, "real_logits", "Loss/scores/real", stats, out);
        Eg3dLoss.PhaseValues dm = values.get(Phase.DMAIN);
        if (dm != null) {
            float[] logits = dm.get("real_logits"), signs = new float[logits.length];
            for (int i = 0; i < signs.length; i++) {
                signs[i] = Math.signum(logits[i]);
            }
            out.put("Loss/signs/real", put(stats, "Loss/signs/real", signs));      // what ADA steers by
            float[] gen = dm.get("loss_Dgen"), real = dm.get("loss_Dreal"), sum = new float[gen.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = gen[i] + real[i];
            }
            out.put("Loss/D/loss", put(stats, "Loss/D/loss", sum));
        }
        add(values, Phase.DREG, "r1_penalty", "Loss/r1_penalty", stats, out);
        add(values, Phase.DREG, "loss_Dr1", "Loss/D/reg", stats, out);
        return out;
    }

    private static void add(Map<Phase, Eg3dLoss.PhaseValues> values, Phase phase, String key, String stat,
            Map<String, double[]> stats, Map<String, Double> out) {
        Eg3dLoss.PhaseValues v = values.get(phase);
        if (v != null && v.values().containsKey(key)) {
            out.put(stat, put(stats, stat, v.get(key)));
        }
    }

    private static double put(Map<String, double[]> stats, String key, float[] xs) {
        double[] s = stats.computeIfAbsent(key, k -> new double[3]);      // num, sum, sum of squares
        double sum = 0;
        for (float x : xs) {
            s[0]++;
            s[1] += x;
            s[2] += (double) x * x;
            sum += x;
        }
        return sum / xs.length;
    }

    private Map<String, Double> writeStats(Map<String, double[]> stats, double seconds, double kimgPerSec) {
        ObjectNode line = JSON.createObjectNode();
        Map<String, Double> means = new LinkedHashMap<>();
        stats.forEach((k, s) -> {
            double mean = s[1] / s[0];
            means.put(k, mean);
            line.putObject(k).put("num", s[0]).put("mean", mean).put("std", Math.sqrt(Math.max(0, s[2] / s[0] - mean * mean)));
        });
        line.putObject("Progress/tick").put("num", 1).put("mean", tickIdx).put("std", 0);
        line.putObject("Progress/kimg").put("num", 1).put("mean", getKimg()).put("std", 0);
        double augmentP = augmentPipe != null ? augmentPipe.getP() : 0;
        line.putObject("Progress/augment").put("num", 1).put("mean", augmentP).put("std", 0);
        if (augmentPipe != null) {
            means.put("Progress/augment", augmentP);
        }
        line.putObject("Timing/sec_per_tick").put("num", 1).put("mean", seconds).put("std", 0);
        line.putObject("Timing/sec_per_kimg").put("num", 1).put("mean", 1 / Math.max(kimgPerSec, 1e-12)).put("std", 0);
        line.putObject("Resources/cpu_mem_gb").put("num", 1).put("mean", rssBytes() / 1e9).put("std", 0);
        line.put("timestamp", System.currentTimeMillis() / 1000.0);
        String text = line.toString() + "\n";
        uninterruptibly(() -> {
            try {
                Files.writeString(runDir.resolve("stats.jsonl"), text, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(runDir.resolve("stats.jsonl") + ": cannot append: " + e.getMessage(), e);
            }
        });
        return means;
    }

    /** Resident set size of this process (Linux), or 0 where unknown. */
    public static long rssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** fakes, fakes_raw and fakes_depth grids from G_ema on fixed latents and the first dataset cameras. */
    private void writeGrids(TrainingListener listener, String name) {
        int n = Math.min(8, data.size());
        int nrr = loss.getOptions().schedule(curNimg).neuralRenderingResolution();
        try (NDManager m = manager.newSubManager()) {
            Random r = new Random(options.seed());
            float[] z = new float[n * gConfig.zDim()];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) r.nextGaussian();
            }
            float[] c = new float[n * 25];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data.label(i), 0, c, i * 25, 25);
            }
            NDArray zs = m.create(z, new Shape(n, gConfig.zDim())), cs = m.create(c, new Shape(n, 25));
            List<BufferedImage> img = new ArrayList<>(), raw = new ArrayList<>(), depth = new ArrayList<>();
            try (Generated out = gEma.generate(zs, cs, 1f, null, new RenderSpec(nrr, true, NoiseMode.CONST, RenderSpec.DEFAULT_CHUNK_RAYS))) {
                int res = gConfig.imgResolution();
                float[] a = out.getImage().toFloatArray(), b = out.getImageRaw().toFloatArray(), dd = out.getImageDepth().toFloatArray();
                int rr = (int) out.getImageRaw().getShape().get(3);
                for (int i = 0; i < n; i++) {
                    img.add(Images.fromChw(java.util.Arrays.copyOfRange(a, i * 3 * res * res, (i + 1) * 3 * res * res), 3, res, res, -1, 1));
                    raw.add(Images.fromChw(java.util.Arrays.copyOfRange(b, i * 3 * rr * rr, (i + 1) * 3 * rr * rr), 3, rr, rr, -1, 1));
                    depth.add(Images.depthToImage(java.util.Arrays.copyOfRange(dd, i * rr * rr, (i + 1) * rr * rr), rr, rr));
                }
            }
            int cols = (int) Math.ceil(Math.sqrt(n));
            BufferedImage gi = Images.grid(img, cols), gr = Images.grid(raw, cols), gd = Images.grid(depth, cols);
            uninterruptibly(() -> {
                Images.writePng(gi, runDir.resolve(name + ".png"));
                Images.writePng(gr, runDir.resolve(name + "_raw.png"));
                Images.writePng(gd, runDir.resolve(name + "_depth.png"));
            });
            listener.onImages(getKimg(), gi, gr, gd);
        }
    }

    /** Writes network-snapshot-KKKKKK.ckpt atomically: G, D, G_ema, both optimizers, and the training state. */
    public Path snapshot(TrainingListener listener) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        host(tensors, Checkpoint.G, g.getParams().asMap());
        host(tensors, Checkpoint.D, d.getParams().asMap());
        host(tensors, Checkpoint.G_EMA, gEma.getParams().asMap());
        host(tensors, Checkpoint.OPTIMIZER + "G.", optG.stateArrays());
        host(tensors, Checkpoint.OPTIMIZER + "D.", optD.stateArrays());
        ObjectNode meta = JSON.createObjectNode();
        meta.set("G_init_kwargs", gConfig.toOfficialKwargs());
        ObjectNode dk = meta.putObject("D_init_kwargs");
        dk.put("c_dim", dConfig.cDim()).put("img_resolution", dConfig.imgResolution()).put("channel_base", dConfig.channelBase())
                .put("channel_max", dConfig.channelMax()).put("conv_clamp", dConfig.convClamp()).put("disc_c_noise", dConfig.discCNoise());
        dk.putObject("epilogue_kwargs").put("mbstd_group_size", dConfig.mbstdGroupSize());
        dk.putObject("mapping_kwargs").put("num_layers", dConfig.mappingLayers());
        LossOptions.Schedule s = loss.getOptions().schedule(curNimg);
        meta.put("neural_rendering_resolution", s.neuralRenderingResolution());
        if (augmentPipe != null) {
            meta.set("augment_pipe", augmentPipe.describe(JSON));
        } else {
            meta.putNull("augment_pipe");
        }
        ObjectNode t = meta.putObject("training");
        t.set("options", options.toJson());
        t.put("cur_nimg", curNimg).put("kimg", getKimg()).put("batch_idx", batchIdx).put("tick", tickIdx);
        t.put("augment_p", augmentPipe != null ? augmentPipe.getP() : 0.0);
        if (augmentPipe != null) {
            AugmentPipe.State state = augmentPipe.state();
            t.putObject("ada_signs").put("sum", state.signSum()).put("num", state.signCount());
        }
        ObjectNode sched = t.putObject("schedules");
        sched.put("blur_sigma", s.blurSigma()).put("neural_rendering_resolution", s.neuralRenderingResolution());
        if (s.swappingProb() != null) {
            sched.put("swapping_prob", s.swappingProb());
        }
        sched.put("ema_beta", TrainingStep.emaBeta(curNimg, options.batch(), options.emaKimg(), 0.05));
        t.putObject("rng").put("seed", options.seed()).put("batch_idx", batchIdx)
                .put("scheme", "engine and host generators reseeded from mix(seed, batch_idx) every iteration; the data stream (seeded by seed) skips cur_nimg items on resume");
        ObjectNode steps = t.putObject("opt_steps");
        ObjectNode sg = steps.putObject("G"), sd = steps.putObject("D");
        optG.getSteps().forEach(sg::put);
        optD.getSteps().forEach(sd::put);
        Path file = runDir.resolve(String.format("network-snapshot-%06d.ckpt", curNimg / 1000));
        uninterruptibly(() -> Checkpoint.write(file, tensors, meta));
        lastSnapshot = file;
        listener.onSnapshot(getKimg(), file);
        return file;
    }

    private static void host(Map<String, HostTensor> out, String prefix, Map<String, NDArray> arrays) {
        arrays.forEach((k, v) -> out.put(prefix + k, HostTensor.ofFloats(v.getShape().getShape(), v.toFloatArray())));
    }

    private Params params(Map<String, HostTensor> tensors, String source) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(source + ": the snapshot holds no such network; resume needs G, D and G_ema");
        }
        NDManager sub = manager.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        tensors.forEach((k, v) -> arrays.put(k, v.toNDArray(sub)));
        return Params.of(sub, source, arrays);
    }

    private Params copy(Params src, String source) {
        NDManager sub = manager.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        src.asMap().forEach((k, v) -> {
            NDArray c = v.duplicate();
            c.attach(sub);
            arrays.put(k, c);
        });
        return Params.of(sub, source, arrays);
    }

    private void restore(Adam opt, Checkpoint ckpt, String prefix, JsonNode steps) {
        Map<String, Long> counts = new LinkedHashMap<>();
        steps.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        try (NDManager m = manager.newSubManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            ckpt.network(prefix).forEach((k, v) -> arrays.put(k, v.toNDArray(m)));
            opt.restore(arrays, counts);
        }
    }

    /** A 64-bit mix of seed and step (SplitMix64 finaliser), so every iteration has its own streams. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        parallel.close();
        optG.close();
        optD.close();
        r1.close();
        g.close();
        gEma.close();
        d.close();
        data.close();
        manager.close();
    }
}
