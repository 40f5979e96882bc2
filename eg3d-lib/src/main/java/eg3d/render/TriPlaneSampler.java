package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import eg3d.nn.GridSample;
import eg3d.nn.Shapes;

/**
 * Features at 3-D points from the three planes: scale points by 2/boxWarp, project onto each
 * plane, sample bilinearly with zero padding and align_corners=False (PyTorch's own grid_sample
 * kernel, as the reference).
 */
public final class TriPlaneSampler {
    private TriPlaneSampler() {}

    /** coordinates [N,M,3] → features [N,3,M,C]. */
    public static NDArray sample(TriPlanes planes, NDArray coordinates, double boxWarp, PlaneProjection projection) {
        Shapes.check("sample coordinates", coordinates, planes.getBatch(), Shapes.ANY, 3);
        long n = planes.getBatch(), m = coordinates.getShape().get(1), c = planes.getChannels();
        NDArray scaled = coordinates.mul((float) (2 / boxWarp));
        NDList grids = new NDList(3);
        for (int p = 0; p < 3; p++) {
            int[] axes = projection.axes(p);
            NDArray u = scaled.get(new NDIndex(":, :, {}", axes[0]));          // column coordinate
            NDArray v = scaled.get(new NDIndex(":, :, {}", axes[1]));          // row coordinate
            grids.add(u.stack(v, 2));                                         // [N,M,2]
        }
        NDArray grid = NDArrays.stack(grids, 1).reshape(n * 3, 1, m, 2);
        NDArray flat = planes.getPlanes().reshape(n * 3, c, planes.getHeight(), planes.getWidth());
        NDArray out = GridSample.bilinear(flat, grid);                         // [N·3,C,1,M]
        return out.transpose(0, 3, 2, 1).reshape(n, 3, m, c);
    }
}
