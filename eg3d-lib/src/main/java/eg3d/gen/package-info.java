/**
 * Generation jobs, the library side of {@code gen-samples} and {@code gen-videos}: seeds to
 * latents, camera paths, image strips, turntable and interpolation videos, density volumes and
 * coloured meshes. Each job returns objects a notebook can show and a command can save.
 */
@NullMarked
package eg3d.gen;

import org.jspecify.annotations.NullMarked;
