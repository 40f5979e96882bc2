package eg3d.gen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.camera.CameraVector;
import eg3d.media.Images;
import eg3d.media.Video;
import eg3d.media.VideoWriter;
import eg3d.model.Generated;
import eg3d.model.NumpyRandomState;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.progress.ProgressListener;
import eg3d.render.TriPlanes;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code gen-videos}: the official interpolation video (keyframe latents on a looping cubic spline,
 * the camera on a small orbit), a plain 360° turntable, or a yaw/pitch path. A grid shows several
 * latents side by side. When a tile's latent does not change (turntables, paths, one keyframe),
 * its planes are computed once and every frame only renders.
 *
 * @param kind          interpolation, turntable or path
 * @param gridW         tiles across
 * @param gridH         tiles down
 * @param numKeyframes  keyframes per tile (null: seeds / tiles)
 * @param wFrames       frames per keyframe (interpolation) or frames in all (turntable, path)
 * @param psi           truncation ψ
 * @param cutoff        truncation cutoff
 * @param cfg           camera setup of the official script (pivot and focal length)
 * @param mode          image, image_depth or image_raw
 * @param sampleMult    multiplier on the depth samples per ray
 * @param nrr           rendering resolution (null: the model's)
 * @param fps           frames per second (60 as the official script)
 * @param path          yaw0, pitch0, yaw1, pitch1 for a path
 */
public record VideoJob(Kind kind, int gridW, int gridH, @Nullable Integer numKeyframes, int wFrames, float psi,
        @Nullable Integer cutoff, Cfg cfg, ImageMode mode, double sampleMult, @Nullable Integer nrr, double fps, double[] path) {

    public enum Kind { INTERPOLATION, TURNTABLE, PATH }

    /** The official {@code --cfg}: where the camera looks and its focal length. */
    public enum Cfg {
        FFHQ(new double[] {0, 0, 0.2}, 4.2647), AFHQ(new double[] {0, 0, 0}, 4.2647), SHAPENET(new double[] {0, 0, 0}, 1.7074);

        final double[] pivot;
        final double focal;

        Cfg(double[] pivot, double focal) {
            this.pivot = pivot;
            this.focal = focal;
        }

        public static Cfg parse(String s) {
            for (Cfg c : values()) {
                if (c.name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("--cfg '" + s + "': expected FFHQ, AFHQ or Shapenet");
        }
    }

    private static final double RADIUS = 2.7;

    public VideoJob {
        if (gridW < 1 || gridH < 1) {
            throw new IllegalArgumentException("--grid: need at least 1x1");
        }
        if (wFrames < 1) {
            throw new IllegalArgumentException("--w-frames: need at least 1");
        }
    }

    /** Renders the video to {@code out} (or to memory when out is null) and returns it. */
    public Video run(TriPlaneGenerator g, List<Long> seeds, @Nullable Long shuffleSeed, @Nullable Path out, ProgressListener progress) {
        int tiles = gridW * gridH;
        int keyframes = numKeyframes != null ? numKeyframes : seeds.size() / tiles;
        if (numKeyframes == null && seeds.size() % tiles != 0) {
            throw new IllegalArgumentException("--seeds: " + seeds.size() + " seeds do not fill a " + gridW + "x" + gridH
                    + " grid evenly; give a multiple of " + tiles + " or --num-keyframes");
        }
        if (kind != Kind.INTERPOLATION) {
            keyframes = 1;
        }
        long[] all = new long[keyframes * tiles];
        for (int i = 0; i < all.length; i++) {
            all[i] = seeds.get(i % seeds.size());
        }
        if (shuffleSeed != null) {
            new NumpyRandomState(shuffleSeed).shuffle(all);
        }
        int frames = kind == Kind.INTERPOLATION ? keyframes * wFrames : wFrames;
        RenderSpec spec = new RenderSpec(nrr == null ? 0 : nrr, true, NoiseMode.CONST, RenderSpec.DEFAULT_CHUNK_RAYS)
                .withSampleMultiplier(sampleMult);
        LatentInterpolation interpolation = new LatentInterpolation(keyframes, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Long> seedList = new ArrayList<>();
            for (long s : all) {
                seedList.add(s);
            }
            CameraVector conditioning = officialCamera(0, 1, true);
            NDArray ws = Latents.ws(g, manager, seedList, psi, cutoff, conditioning);           // [tiles·K, numWs, wDim]
            TriPlanes[] cached = new TriPlanes[tiles];
            if (keyframes == 1) {
                for (int t = 0; t < tiles; t++) {
                    cached[t] = g.planes(ws.get("{}:{}", t, t + 1), NoiseMode.CONST);   // the latent never changes
                }
            }
            VideoWriter writer = null;
            progress.start(kind.name().toLowerCase() + " video", frames);
            try {
                for (int f = 0; f < frames; f++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new java.util.concurrent.CancellationException("video interrupted at frame " + f);
                    }
                    BufferedImage frame = frame(g, ws, cached, interpolation, keyframes, f, frames, spec, manager);
                    if (writer == null) {
                        writer = out == null ? VideoWriter.inMemory(frame.getWidth(), frame.getHeight(), fps)
                                : VideoWriter.open(out, frame.getWidth(), frame.getHeight(), fps);
                    }
                    writer.addFrame(frame);
                    progress.advance(f + 1, "");
                }
                Video video = writer.finish();
                progress.finish(frames + " frames" + (out == null ? "" : " → " + out));
                return video;
            } finally {
                if (writer != null) {
                    writer.close();
                }
                for (TriPlanes p : cached) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
        }
    }

    private BufferedImage frame(TriPlaneGenerator g, NDArray ws, TriPlanes[] cached, LatentInterpolation interpolation,
            int keyframes, int f, int frames, RenderSpec spec, NDManager manager) {
        List<BufferedImage> tiles = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {                // one scope per frame: RSS stays flat
            CameraVector camera = camera(g, f, frames);
            NDArray c = m.create(camera.toArray(), new Shape(1, 25));
            for (int t = 0; t < cached.length; t++) {
                NDArray w;
                if (cached[t] != null) {
                    w = ws.get("{}:{}", t, t + 1);
                    w.attach(m);
                    try (Generated out = g.render(cached[t], w, c, spec)) {
                        tiles.add(Frames.picture(out, mode, 0));
                    }
                } else {
                    double[] weights = interpolation.weights((double) f / wFrames);
                    NDArray keys = ws.get("{}:{}", t * keyframes, (t + 1) * keyframes);               // [K, numWs, wDim]
                    keys.attach(m);
                    w = keys.mul(m.create(toFloat(weights), new Shape(keyframes, 1, 1))).sum(new int[] {0}, true);
                    try (Generated out = g.synthesis(w, c, spec)) {
                        tiles.add(Frames.picture(out, mode, 0));
                    }
                }
            }
        }
        return tiles.size() == 1 ? tiles.get(0) : Images.grid(tiles, gridW);
    }

    private CameraVector camera(TriPlaneGenerator g, int f, int frames) {
        switch (kind) {
            case TURNTABLE:
                return CameraPaths.turntable(frames, -0.2, g.getConfig().avgCameraPivot(), g.getConfig().avgCameraRadius(),
                        eg3d.camera.Intrinsics.DEFAULT_FOV_DEGREES).get(f);
            case PATH: {
                double t = frames == 1 ? 0 : (double) f / (frames - 1);
                return eg3d.camera.LookAtPoseSampler.camera(Math.PI / 2 + path[0] + t * (path[2] - path[0]),
                        Math.PI / 2 + path[1] + t * (path[3] - path[1]), g.getConfig().avgCameraPivot(),
                        g.getConfig().avgCameraRadius(), eg3d.camera.Intrinsics.DEFAULT_FOV_DEGREES);
            }
            default:
                return officialCamera(f, frames, false);
        }
    }

    /** The official video camera: radius 2.7 at the cfg's pivot and focal; frontal for conditioning. */
    private CameraVector officialCamera(int f, int frames, boolean frontal) {
        if (frontal) {
            float[] m = eg3d.camera.LookAtPoseSampler.sample(CameraPaths.OFFICIAL_HALF_PI, CameraPaths.OFFICIAL_HALF_PI, cfg.pivot, RADIUS);
            return new CameraVector(m, new float[] {(float) cfg.focal, 0, 0.5f, 0, (float) cfg.focal, 0.5f, 0, 0, 1});
        }
        return CameraPaths.officialOrbit(f, frames, cfg.pivot, RADIUS, cfg.focal);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
