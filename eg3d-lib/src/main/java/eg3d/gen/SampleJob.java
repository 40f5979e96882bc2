package eg3d.gen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.camera.CameraVector;
import eg3d.media.Images;
import eg3d.model.Generated;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.progress.ProgressListener;
import eg3d.render.TriPlanes;
import eg3d.shape.DensityVolume;
import eg3d.shape.Mesh;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code gen-samples}: per seed, the official three-view strip ({@code seedNNNN.png}), optionally
 * the raw and depth strips, and optionally the shape ({@code seedNNNN.mrc} as the official export,
 * or a coloured mesh). The backbone runs once per seed; all views and the shape use its planes.
 *
 * @param psi          truncation ψ
 * @param cutoff       truncation cutoff (null: all ws)
 * @param fovDegrees   field of view of the views and the conditioning camera
 * @param saveRaw      also write {@code seedNNNN_raw.png}
 * @param saveDepth    also write {@code seedNNNN_depth.png}
 * @param shapes       also export a shape
 * @param shapeRes     grid resolution of the shape
 * @param shapeFormat  {@code .mrc}, {@code .ply}, {@code .obj} or {@code .stl}
 * @param shapeLevel   marching-cubes level for meshes
 * @param noiseMode    backbone noise of the images (const: reproducible)
 */
public record SampleJob(float psi, @Nullable Integer cutoff, double fovDegrees, boolean saveRaw, boolean saveDepth, boolean shapes,
        int shapeRes, String shapeFormat, float shapeLevel, NoiseMode noiseMode) {

    public SampleJob {
        if (!List.of(".mrc", ".ply", ".obj", ".stl").contains(shapeFormat)) {
            throw new IllegalArgumentException("--shape-format '" + shapeFormat + "': expected .mrc, .ply, .obj or .stl");
        }
        if (shapeRes < 2 || shapeRes > 1024) {
            throw new IllegalArgumentException("--shape-res " + shapeRes + ": expected 2 … 1024");
        }
    }

    /** What one seed produced (the strip as a picture, plus files written). */
    public record Result(long seed, BufferedImage strip, List<Path> files) {}

    public List<Result> run(TriPlaneGenerator g, List<Long> seeds, Path outdir, ProgressListener progress) {
        try {
            Files.createDirectories(outdir);
        } catch (IOException e) {
            throw new UncheckedIOException("--outdir " + outdir + ": cannot create: " + e.getMessage(), e);
        }
        List<Result> results = new ArrayList<>();
        List<CameraVector> views = CameraPaths.sampleStrip(g.getConfig().avgCameraPivot(), g.getConfig().avgCameraRadius(), fovDegrees);
        CameraVector conditioning = Latents.conditioning(g, fovDegrees);
        progress.start("gen-samples", seeds.size());
        int done = 0;
        for (long seed : seeds) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("gen-samples interrupted after " + done + " seeds");
            }
            results.add(one(g, seed, views, conditioning, outdir));
            progress.advance(++done, "seed " + seed);
        }
        progress.finish(seeds.size() + " seeds → " + outdir);
        return results;
    }

    private Result one(TriPlaneGenerator g, long seed, List<CameraVector> views, CameraVector conditioning, Path outdir) {
        List<Path> files = new ArrayList<>();
        String name = String.format("seed%04d", seed);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ws = Latents.ws(g, m, List.of(seed), psi, cutoff, conditioning);
            try (TriPlanes planes = g.planes(ws, noiseMode)) {
                List<BufferedImage> images = new ArrayList<>(), raws = new ArrayList<>(), depths = new ArrayList<>();
                for (CameraVector view : views) {
                    NDArray c = m.create(view.toArray(), new Shape(1, 25));
                    try (Generated out = g.render(planes, ws, c, RenderSpec.reproducible().withNoiseMode(noiseMode))) {
                        images.add(Frames.picture(out, ImageMode.IMAGE, 0));
                        raws.add(Frames.picture(out, ImageMode.IMAGE_RAW, 0));
                        depths.add(Frames.picture(out, ImageMode.IMAGE_DEPTH, 0));
                    }
                }
                BufferedImage strip = Images.hstack(images);
                files.add(write(strip, outdir.resolve(name + ".png")));
                if (saveRaw) {
                    files.add(write(Images.hstack(raws), outdir.resolve(name + "_raw.png")));
                }
                if (saveDepth) {
                    files.add(write(Images.hstack(depths), outdir.resolve(name + "_depth.png")));
                }
                if (shapes) {
                    files.add(shape(g, planes, outdir.resolve(name + shapeFormat)));
                }
                return new Result(seed, strip, files);
            }
        }
    }

    private Path shape(TriPlaneGenerator g, TriPlanes planes, Path file) {
        if (shapeFormat.equals(".mrc")) {
            DensityVolume v = ShapeExport.officialVolume(g, planes, shapeRes, ProgressListener.none());
            v.writeMrc(file);
        } else {
            DensityVolume world = ShapeExport.worldVolume(g, planes, shapeRes, ProgressListener.none());
            Mesh mesh = ShapeExport.mesh(g, planes, world, shapeLevel);
            mesh.write(file);
        }
        return file;
    }

    private static Path write(BufferedImage image, Path file) {
        Images.writePng(image, file);
        return file;
    }
}
