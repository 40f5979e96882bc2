/**
 * Stage 4 of the pipeline: the models that compose layers and renderer: the tri-plane generator,
 * its super-resolution head, the dual discriminator, their configs and the presets.
 */
@NullMarked
package eg3d.model;

import org.jspecify.annotations.NullMarked;
