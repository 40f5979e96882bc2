/**
 * Stage 2 of the pipeline: the StyleGAN2 layers (fully connected, modulated conv, upfirdn2d
 * resampling, noise, ToRGB), the mapping network and the synthesis backbone that emits tri-planes.
 * Knows nothing of rendering.
 */
@NullMarked
package eg3d.nn;

import org.jspecify.annotations.NullMarked;
