package eg3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import eg3d.train.Trainer;
import eg3d.train.TrainingListener;
import eg3d.train.TrainingOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d train}: the official training options and names; snapshots in the native format. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train EG3D on a dataset (zip or folder with dataset.json).",
            "Writes OUTDIR/NNNNN-<cfg>-<data>-gpus<N>-batch<B>-gamma<G>/ with training_options.json, stats.jsonl,",
            "reals.png, fakes*.png (+ _raw, _depth) and network-snapshot-KKKKKK.ckpt (with optimizer state).",
            "Example: ./eg3d train --outdir out/train --cfg nano --data synth.zip --batch 4 --kimg 0.1"})
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--outdir", required = true, paramLabel = "DIR", description = "where run directories are made") Path outdir;
    @Option(names = "--cfg", required = true, description = "ffhq, afhq, shapenet, or nano (CPU-sized)") String cfg;
    @Option(names = "--data", required = true, paramLabel = "PATH", description = "dataset zip or folder") Path data;
    @Option(names = "--gpus", defaultValue = "1", description = "devices (default ${DEFAULT-VALUE})") int gpus;
    @Option(names = "--batch", required = true, description = "total batch size") int batch;
    @Option(names = "--batch-gpu", description = "samples a device takes at once; smaller than batch/gpus accumulates gradients over rounds (default: batch/gpus)") Integer batchGpu;
    @Option(names = "--devices", paramLabel = "LIST", description = {"the --gpus devices, e.g. gpu0,gpu2 (default: the first --gpus GPUs);",
        "cpu,cpu runs the data-parallel path on the CPU"}) String devices;
    @Option(names = "--gamma", defaultValue = "1", description = "R1 weight (default ${DEFAULT-VALUE})") double gamma;
    @Option(names = "--kimg", defaultValue = "25000", description = "total length in thousands of images") double kimg;
    @Option(names = "--tick", defaultValue = "4", description = "kimg between progress lines") double tick;
    @Option(names = "--snap", defaultValue = "50", description = "ticks between snapshots") int snap;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--mirror", defaultValue = "false", arity = "1", description = "x-flip augmentation") boolean mirror;
    @Option(names = "--cond", defaultValue = "true", arity = "1", description = "condition D on cameras") boolean cond;
    @Option(names = "--aug", defaultValue = "noaug", description = "augmentation of D's inputs: noaug, ada or fixed (default ${DEFAULT-VALUE})") String aug;
    @Option(names = "--target", defaultValue = "0.6", description = "ADA target for the mean sign of D's real logits (default ${DEFAULT-VALUE})") double target;
    @Option(names = "--p", defaultValue = "0.2", description = "augmentation probability for --aug fixed (default ${DEFAULT-VALUE})") double p;
    @Option(names = "--resume", paramLabel = "PATH", description = {"run directory or network-snapshot-*.ckpt to continue with its saved options;",
        "--gpus, --batch-gpu or --devices given with it move the run to other devices"}) Path resume;
    @Option(names = "--gen_pose_cond", defaultValue = "false", arity = "1", description = "condition G on the camera") boolean genPoseCond;
    @Option(names = "--gpc_reg_prob", defaultValue = "0.5") double gpcRegProb;
    @Option(names = "--density_reg", defaultValue = "0.25") double densityReg;
    @Option(names = "--density_reg_p_dist", defaultValue = "0.004") double densityRegPDist;
    @Option(names = "--neural_rendering_resolution_initial", defaultValue = "64") int nrrInitial;
    @Option(names = "--neural_rendering_resolution_final") Integer nrrFinal;
    @Option(names = "--neural_rendering_resolution_fade_kimg", defaultValue = "1000") double nrrFadeKimg;
    @Option(names = "--blur_fade_kimg", defaultValue = "200") double blurFadeKimg;
    @Option(names = "--glr", defaultValue = "0.0025") double glr;
    @Option(names = "--dlr", defaultValue = "0.002") Double dlr;
    @Option(names = "--map-depth", defaultValue = "2") int mapDepth;
    @Option(names = "--mbstd-group", defaultValue = "4") int mbstdGroup;
    @Option(names = "--style_mixing", defaultValue = "0") double styleMixing;
    @Option(names = "--cbase", defaultValue = "32768") int cbase;
    @Option(names = "--cmax", defaultValue = "512") int cmax;
    @Option(names = "--metrics", defaultValue = "none", description = "metrics (none; the metrics command computes them)") String metrics;
    @Option(names = {"-n", "--dry-run"}, description = "print the options and run directory, then exit") boolean dryRun;

    /** The parsed command line as training options. */
    TrainingOptions options() {
        return new TrainingOptions(outdir, cfg.toLowerCase(), data, gpus, batch, batchGpu, gamma, kimg, tick, snap,
                seed, mirror, cond, aug, target, p, resume, genPoseCond, gpcRegProb, densityReg, densityRegPDist, nrrInitial, nrrFinal,
                nrrFadeKimg, blurFadeKimg, glr, dlr, mapDepth, mbstdGroup, styleMixing, cbase, cmax, devices);
    }

    @Override
    public Integer call() {
        TrainingOptions o = options();
        eg3d.train.Cfg.parse(o.cfg());
        Trainer.devices(o);
        if (dryRun) {
            System.out.println(new ObjectMapper().valueToTree(Trainer.describe(o)).toPrettyString());
            return 0;
        }
        // SIGTERM or Ctrl-C: ask the loop to stop, which writes a snapshot and returns; the hook waits for
        // that, because the JVM halts as soon as its hooks are done. Before the trainer exists, interrupt.
        Thread main = Thread.currentThread();
        AtomicReference<Trainer> running = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            Trainer t = running.get();
            if (t != null) {
                t.requestStop();
            } else {
                main.interrupt();
            }
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        // On a resume the saved options hold, except --kimg and, when given, how the batch spreads over devices.
        picocli.CommandLine.ParseResult given = spec.commandLine().getParseResult();
        boolean respread = resume != null && (given.hasMatchedOption("--gpus") || given.hasMatchedOption("--batch-gpu")
                || given.hasMatchedOption("--devices"));
        try (Trainer t = Trainer.start(o, respread ? new Trainer.DeviceSplit(gpus, batchGpu, devices) : null)) {
            running.set(t);
            System.out.println("run directory: " + t.getRunDir());
            Trainer.Stop stop = t.run(new TrainingListener() {
                @Override
                public void onTick(double kimg, double kimgPerSecond, double secondsPerStep, Map<String, Double> means) {
                    System.out.printf("kimg %.3f  %.2f s/step  %.4f kimg/s  RSS %.0f MB  %s%n", kimg, secondsPerStep, kimgPerSecond,
                            Trainer.rssBytes() / 1e6, means);
                }

                @Override
                public void onSnapshot(double kimg, Path file) {
                    System.out.println("snapshot: " + file);
                }

                @Override
                public void onEnd(double kimg, Trainer.Stop reason, String message) {
                    System.out.println(reason + ": " + message);
                }
            });
            if (stop == Trainer.Stop.DIVERGED) {
                throw new IllegalStateException("training stopped: a loss became NaN or infinite (see above)");
            }
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // The JVM is already shutting down.
            }
        }
    }
}
