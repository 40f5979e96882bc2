/**
 * Stage 0 of the pipeline: datasets in the EG3D format (images plus 25-float camera labels), their
 * validation, shuffled batches for training, camera import from NeRF and COLMAP, and camera checks.
 */
@NullMarked
package eg3d.data;

import org.jspecify.annotations.NullMarked;
