/**
 * Stage 3 of the pipeline: rays from cameras, tri-plane sampling, the OSG decoder, ray marching
 * and importance sampling, composed in {@link eg3d.render.ImportanceRenderer}. Uses layers from
 * {@code eg3d.nn}; knows nothing of training.
 */
@NullMarked
package eg3d.render;

import org.jspecify.annotations.NullMarked;
