package eg3d.cli;

import ai.djl.ndarray.NDManager;
import eg3d.gen.ImageMode;
import eg3d.gen.Seeds;
import eg3d.gen.VideoJob;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.progress.ConsoleProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d gen-videos}: interpolation videos as the official gen_videos.py, plus turntables and paths. */
@Command(name = "gen-videos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render H.264 MP4 videos (yuv420p, faststart; ffmpeg when present, else a pure-Java encoder).",
            "Default: the official latent-interpolation video (interpolation.mp4, or SEED.mp4 per seed with --interpolate=False).",
            "--turntable renders a 360° orbit per seed and --path a yaw/pitch path; both run the backbone once per seed.",
            "Official option spellings work too (--image_mode, --sample_mult, --trunc_cutoff, …).",
            "Example: ./eg3d gen-videos --network model.pkl --seeds 0-3 --grid 2x2 --outdir out"})
final class GenVideosCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, paramLabel = "FILE")
    Path network;

    @Option(names = "--seeds", required = true, description = "seeds, e.g. 0-3,7")
    String seeds;

    @Option(names = {"--shuffle-seed", "--shuffle_seed"}, description = "shuffle the keyframe seeds (numpy RandomState order)")
    Long shuffleSeed;

    @Option(names = "--grid", defaultValue = "1x1", description = "tiles WxH (default ${DEFAULT-VALUE})")
    String grid;

    @Option(names = {"--num-keyframes", "--num_keyframes"}, description = "keyframes per tile (default: seeds / tiles)")
    Integer numKeyframes;

    @Option(names = {"--w-frames", "--w_frames"}, defaultValue = "120", description = "frames per keyframe, or in all for --turntable/--path")
    int wFrames;

    @Option(names = "--trunc", defaultValue = "1")
    float trunc;

    @Option(names = {"--trunc-cutoff", "--trunc_cutoff"}, defaultValue = "14")
    int truncCutoff;

    @Option(names = "--cfg", defaultValue = "FFHQ", description = "FFHQ, AFHQ or Shapenet: camera pivot and focal length of the official video")
    String cfg;

    @Option(names = {"--image-mode", "--image_mode"}, defaultValue = "image", description = "image, image_depth or image_raw")
    String imageMode;

    @Option(names = {"--sample-mult", "--sample_mult"}, defaultValue = "2", description = "multiplier on depth samples per ray (default ${DEFAULT-VALUE})")
    double sampleMult;

    @Option(names = "--nrr", description = "neural rendering resolution (default: the model's)")
    Integer nrr;

    @Option(names = "--interpolate", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "one interpolation video over all seeds (default), or one video per seed with =False")
    String interpolate;

    @Option(names = "--turntable", description = "a 360° turntable per seed instead (cached planes)")
    boolean turntable;

    @Option(names = "--path", paramLabel = "Y0,P0,Y1,P1", description = "a yaw/pitch path per seed, radians from frontal, e.g. -0.5,0,0.5,-0.2")
    String path;

    @Option(names = "--fps", defaultValue = "60")
    double fps;

    @Option(names = "--outdir", required = true, paramLabel = "DIR")
    Path outdir;

    @Option(names = {"--reload_modules", "--reload-modules"}, arity = "0..1", hidden = true)
    boolean reloadModules;

    @Option(names = "--shapes", arity = "0..1", hidden = true, description = "accepted for compatibility; use gen-samples --shapes")
    boolean shapes;

    @Override
    public Integer call() throws Exception {
        String[] wh = grid.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--grid '" + grid + "': expected WxH, e.g. 2x2");
        }
        double[] pathValues = new double[4];
        VideoJob.Kind kind = VideoJob.Kind.INTERPOLATION;
        if (path != null) {
            String[] p = path.split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException("--path '" + path + "': expected four numbers yaw0,pitch0,yaw1,pitch1");
            }
            for (int i = 0; i < 4; i++) {
                pathValues[i] = Double.parseDouble(p[i].trim());
            }
            kind = VideoJob.Kind.PATH;
        } else if (turntable) {
            kind = VideoJob.Kind.TURNTABLE;
        }
        VideoJob job = new VideoJob(kind, Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()), numKeyframes, wFrames, trunc,
                truncCutoff, VideoJob.Cfg.parse(cfg), ImageMode.parse(imageMode), sampleMult, nrr, fps, pathValues);
        List<Long> seedList = Seeds.parse(seeds);
        boolean together = kind == VideoJob.Kind.INTERPOLATION && !interpolate.equalsIgnoreCase("false");
        Files.createDirectories(outdir);
        try (NDManager manager = NDManager.newBaseManager(); Network net = NetworkFile.load(network, manager)) {
            if (together) {
                job.run(net.generatorEma(), seedList, shuffleSeed, outdir.resolve("interpolation.mp4"), new ConsoleProgress());
            } else {
                String suffix = kind == VideoJob.Kind.TURNTABLE ? "-turntable" : kind == VideoJob.Kind.PATH ? "-path" : "";
                for (long seed : seedList) {
                    job.run(net.generatorEma(), List.of(seed), shuffleSeed, outdir.resolve(seed + suffix + ".mp4"), new ConsoleProgress());
                }
            }
        }
        return 0;
    }
}
