package eg3d.data.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import eg3d.data.DatasetWriter;
import eg3d.media.Images;
import eg3d.progress.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a synthetic dataset: for image i, {@code 00000/img0000000i.png} with its camera in
 * dataset.json, {@code depth/…/img0000000i.npy} (float32 [R,R], distance along each pixel's
 * centre ray, 0 for background) and {@code params/…/img0000000i.json} (the scene: camera pose
 * and every part's shape and material). {@code synth.json} at the top records how it was made.
 * Images are rendered on {@code threads} threads and written in order, so the output depends on
 * the seed alone.
 */
public final class Synthesizer {
    /**
     * @param scene the object family
     * @param count how many images
     * @param resolution their width and height in pixels
     * @param seed the dataset's seed; scene i depends only on (seed, i)
     * @param threads rendering threads (1 or more)
     */
    public record Spec(SceneFamily scene, int count, int resolution, long seed, int threads) {
        public Spec {
            if (count <= 0) {
                throw new IllegalArgumentException("--count is " + count + "; give at least 1 image");
            }
            if (resolution < 8 || resolution > 4096) {
                throw new IllegalArgumentException("--resolution is " + resolution + "; give a size between 8 and 4096 pixels");
            }
            if (threads <= 0) {
                throw new IllegalArgumentException("--threads is " + threads + "; give at least 1");
            }
        }
    }

    private record Encoded(byte[] png, float[] label, byte[] depth, byte[] params) {}

    private Synthesizer() {}

    /** Writes the dataset atomically to {@code dest} (a .zip or a folder, which must not exist). */
    public static void write(Spec spec, Path dest, ProgressListener progress) {
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), runnable -> {
            Thread t = new Thread(runnable, "synth");
            t.setDaemon(true);
            return t;
        });
        try (DatasetWriter writer = DatasetWriter.create(dest)) {
            progress.start("synth " + spec.scene().officialName(), spec.count());
            ArrayDeque<Future<Encoded>> window = new ArrayDeque<>();
            int windowSize = 16 * spec.threads();     // bounded memory, and every thread kept busy
            int submitted = 0;
            for (int i = 0; i < spec.count(); i++) {
                while (submitted < spec.count() && window.size() < windowSize) {
                    int index = submitted++;
                    window.add(pool.submit(() -> encode(spec, index)));
                }
                Encoded e = take(window.poll());
                String image = DatasetWriter.imageName(i, "png");
                String stem = image.substring(0, image.length() - 4);
                writer.addImage(image, e.png, e.label);
                writer.addFile("depth/" + stem + ".npy", e.depth);
                writer.addFile("params/" + stem + ".json", e.params);
                if ((i + 1) % 100 == 0 || i + 1 == spec.count()) {
                    progress.advance(i + 1, "");
                }
            }
            writer.addFile("synth.json", manifest(spec));
            writer.commit();
            progress.finish(spec.count() + " images at " + spec.resolution() + "² in " + dest);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Encoded encode(Spec spec, int index) {
        Scene scene = spec.scene().sample(spec.seed(), index);
        Raycaster.View view = Raycaster.render(scene, spec.resolution());
        byte[] params;
        try {
            params = Raycaster.JSON.writeValueAsBytes(scene.toJson().put("index", index).put("seed", spec.seed()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("synth: cannot encode the parameters of scene " + index + ": " + e.getMessage(), e);
        }
        return new Encoded(Images.toPng(view.image()), scene.camera().toArray(),
                Npy.float32(view.depth(), spec.resolution(), spec.resolution()), params);
    }

    private static Encoded take(Future<Encoded> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("synth: interrupted; nothing was written", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException("synth: " + cause, cause);
        }
    }

    private static byte[] manifest(Spec spec) {
        var node = Raycaster.JSON.createObjectNode()
                .put("family", spec.scene().officialName())
                .put("count", spec.count())
                .put("resolution", spec.resolution())
                .put("seed", spec.seed())
                .put("depth", "depth/<image>.npy: float32 [R,R], distance from the camera centre along each pixel's unit "
                        + "centre ray (EG3D's depth convention), 0 where the ray hits nothing")
                .put("params", "params/<image>.json: camera pose and label, background, light, and every part's shape and material");
        return node.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }
}
