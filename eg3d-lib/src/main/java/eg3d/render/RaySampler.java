package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.nn.Shapes;

/**
 * One ray per pixel through the pixel centre: uv = (index + 0.5)/R, with index = row·R + col.
 * Pixels lift through the normalised intrinsics to camera space (OpenCV: x right, y down, z
 * forward) and then through cam2world; directions are unit length, origins the camera centre.
 */
public final class RaySampler {
    private RaySampler() {}

    /** c [N,25] → {origins [N,R²,3], directions [N,R²,3]}. */
    public static NDArray[] sample(NDArray c, int resolution) {
        Shapes.check("camera c", c, Shapes.ANY, 25);
        long n = c.getShape().get(0);
        int m = resolution * resolution;
        NDManager mgr = c.getManager();
        NDArray cam2world = c.get(":, :16").reshape(n, 4, 4);
        NDArray intrinsics = c.get(":, 16:").reshape(n, 3, 3);
        NDArray fx = intrinsics.get(":, 0, 0").reshape(n, 1);
        NDArray fy = intrinsics.get(":, 1, 1").reshape(n, 1);
        NDArray cx = intrinsics.get(":, 0, 2").reshape(n, 1);
        NDArray cy = intrinsics.get(":, 1, 2").reshape(n, 1);
        NDArray sk = intrinsics.get(":, 0, 1").reshape(n, 1);

        float step = (float) (1.0 / resolution), half = (float) (0.5 / resolution);
        float[] u = new float[m], v = new float[m];
        for (int row = 0; row < resolution; row++) {
            for (int col = 0; col < resolution; col++) {
                u[row * resolution + col] = col * step + half;   // x: the column
                v[row * resolution + col] = row * step + half;   // y: the row
            }
        }
        NDArray xCam = mgr.create(u, new Shape(1, m));
        NDArray yCam = mgr.create(v, new Shape(1, m));
        // Inverse of the (skewed) pinhole projection at depth 1.
        NDArray xLift = xCam.sub(cx).add(cy.mul(sk).div(fy)).sub(sk.mul(yCam).div(fy)).div(fx);
        NDArray yLift = yCam.sub(cy).div(fy);
        NDArray ones = mgr.ones(new Shape(n, m));
        NDArray camRel = xLift.broadcast(n, m).stack(yLift.broadcast(n, m), 2)
                .concat(ones.expandDims(2), 2).concat(ones.expandDims(2), 2);            // [N,M,4]
        NDArray world = cam2world.matMul(camRel.transpose(0, 2, 1)).transpose(0, 2, 1).get(":, :, :3");
        NDArray origin = cam2world.get(":, :3, 3");                                       // [N,3]
        NDArray dirs = world.sub(origin.expandDims(1));
        NDArray norm = dirs.square().sum(new int[] {2}, true).sqrt().maximum(1e-12f);
        dirs = dirs.div(norm);
        NDArray origins = origin.expandDims(1).repeat(1, m);
        return new NDArray[] {origins, dirs};
    }
}
