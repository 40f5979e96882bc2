/**
 * Shapes stage: the density volume sampled from the generator, its MRC file, marching cubes, and
 * the mesh files (PLY, OBJ, STL) that people open in 3D viewers.
 */
@NullMarked
package eg3d.shape;

import org.jspecify.annotations.NullMarked;
