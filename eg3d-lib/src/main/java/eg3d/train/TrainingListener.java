package eg3d.train;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Typed callbacks of a training run, for a live monitor (the notebook kernel adapts these to its
 * display) or a console. Called on the training thread; keep them quick.
 */
public interface TrainingListener {
    /** After every iteration: kimg so far, batch index, and the phases' mean losses ("Loss/G/loss", …). */
    default void onStep(double kimg, long batchIdx, Map<String, Double> losses) {}

    /** At every tick: kimg so far, throughput, seconds per iteration, and the tick's mean statistics. */
    default void onTick(double kimg, double kimgPerSecond, double secondsPerStep, Map<String, Double> means) {}

    /** When grids are written: the generated images, raw images and depths from G_ema. */
    default void onImages(double kimg, BufferedImage fakes, BufferedImage fakesRaw, BufferedImage fakesDepth) {}

    /** After a snapshot is written. */
    default void onSnapshot(double kimg, Path file) {}

    /** Once at the end, with why the run stopped. */
    default void onEnd(double kimg, Trainer.Stop reason, String message) {}

    /** Passes every call to each of {@code listeners} in order, e.g. a live monitor and a console log. */
    static TrainingListener all(TrainingListener... listeners) {
        List<TrainingListener> each = List.of(listeners);
        return new TrainingListener() {
            @Override
            public void onStep(double kimg, long batchIdx, Map<String, Double> losses) {
                each.forEach(l -> l.onStep(kimg, batchIdx, losses));
            }

            @Override
            public void onTick(double kimg, double kimgPerSecond, double secondsPerStep, Map<String, Double> means) {
                each.forEach(l -> l.onTick(kimg, kimgPerSecond, secondsPerStep, means));
            }

            @Override
            public void onImages(double kimg, BufferedImage fakes, BufferedImage fakesRaw, BufferedImage fakesDepth) {
                each.forEach(l -> l.onImages(kimg, fakes, fakesRaw, fakesDepth));
            }

            @Override
            public void onSnapshot(double kimg, Path file) {
                each.forEach(l -> l.onSnapshot(kimg, file));
            }

            @Override
            public void onEnd(double kimg, Trainer.Stop reason, String message) {
                each.forEach(l -> l.onEnd(kimg, reason, message));
            }
        };
    }

    /** Listens to nothing. */
    TrainingListener NONE = new TrainingListener() {};
}
