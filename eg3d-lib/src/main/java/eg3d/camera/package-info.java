/**
 * Stage 1 of the pipeline: cameras, and the one place where EG3D's camera conventions live.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>Extrinsics</b> are a 4×4 <em>cam2world</em> matrix in the OpenCV convention: the camera
 *       looks along its +z axis, +x points right in the image and +y points down. Its last column
 *       is the camera position in world space. World +y is up for the pose samplers (the face
 *       datasets put the head at the origin looking along +z toward a camera at positive z).</li>
 *   <li><b>Intrinsics</b> are a 3×3 matrix <em>normalised by the image size</em>: focal lengths in
 *       units of the image width (fx = fy = 1/(2·tan(fov/2)) for a square image) and the principal
 *       point at (0.5, 0.5), so one label serves every resolution.</li>
 *   <li><b>The camera vector</b> {@code c} has 25 floats: the 16 of cam2world, row-major, then
 *       the 9 of the intrinsics, row-major. It is both the generator's conditioning and the
 *       renderer's camera ({@link eg3d.camera.CameraVector}).</li>
 *   <li><b>Pose angles</b>: yaw (horizontal) and pitch (vertical) are given as the official
 *       samplers take them, around π/2: {@code (π/2, π/2)} is the frontal view. The vertical angle
 *       is remapped to the polar angle φ = arccos(1 − 2v/π), so uniform v spreads evenly over
 *       the sphere.</li>
 *   <li><b>FOV</b> {@link eg3d.camera.Intrinsics#fromFovDegrees} keeps the official literals
 *       (3.14159 and 1.414), so its intrinsics equal the reference bit for bit.</li>
 * </ul>
 */
@NullMarked
package eg3d.camera;

import org.jspecify.annotations.NullMarked;
