package eg3d.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.model.DualDiscriminator;
import eg3d.model.TriPlaneGenerator;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A loaded network file: the generator used for generation (G_ema), and the training generator
 * and discriminator when the file has them. Owns their native memory.
 *
 * @param source           the file
 * @param generatorEma     the exponential-moving-average generator, the one to generate with
 * @param generator        the training generator, or null
 * @param discriminator    the discriminator, or null
 * @param metadata         the checkpoint's JSON metadata (for pickles: what the pickle recorded)
 */
public record Network(Path source, TriPlaneGenerator generatorEma, @Nullable TriPlaneGenerator generator,
        @Nullable DualDiscriminator discriminator, ObjectNode metadata) implements AutoCloseable {

    @Override
    public void close() {
        generatorEma.close();
        if (generator != null) {
            generator.close();
        }
        if (discriminator != null) {
            discriminator.close();
        }
    }
}
