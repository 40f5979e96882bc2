/**
 * Synthetic multi-view datasets with ground truth: seeded parametric scenes (heads, cars) ray-cast
 * analytically in Java and written in the EG3D format with depth maps and object parameters.
 */
@NullMarked
package eg3d.data.synth;

import org.jspecify.annotations.NullMarked;
