package eg3d.gen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.camera.CameraVector;
import eg3d.camera.Intrinsics;
import eg3d.camera.LookAtPoseSampler;
import eg3d.model.NumpyRandomState;
import eg3d.model.TriPlaneGenerator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Seeds to ws as the official generation scripts do: z = RandomState(seed).randn(z_dim), mapped
 * with the frontal camera (π/2, π/2) at the model's pivot and radius as conditioning.
 */
public final class Latents {
    private Latents() {}

    /** z [S,zDim] for the seeds, on {@code manager}. */
    public static NDArray z(NDManager manager, List<Long> seeds, int zDim) {
        float[] all = new float[seeds.size() * zDim];
        for (int i = 0; i < seeds.size(); i++) {
            System.arraycopy(NumpyRandomState.randn(seeds.get(i), zDim), 0, all, i * zDim, zDim);
        }
        return manager.create(all, new Shape(seeds.size(), zDim));
    }

    /** The conditioning camera of the official scripts. */
    public static CameraVector conditioning(TriPlaneGenerator g, double fovDegrees) {
        return new CameraVector(LookAtPoseSampler.sample(Math.PI / 2, Math.PI / 2, g.getConfig().avgCameraPivot(),
                g.getConfig().avgCameraRadius()), Intrinsics.fromFovDegrees(fovDegrees));
    }

    /** ws [S,numWs,wDim] for the seeds. */
    public static NDArray ws(TriPlaneGenerator g, NDManager manager, List<Long> seeds, float psi, @Nullable Integer cutoff,
            CameraVector conditioning) {
        NDArray z = z(manager, seeds, g.getConfig().zDim());
        NDArray c = manager.create(conditioning.toArray(), new Shape(1, 25)).repeat(0, seeds.size());
        return g.mapping(z, c, psi, cutoff);
    }
}
