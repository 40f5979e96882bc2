package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import eg3d.nn.Conv2dResample;
import eg3d.nn.GridSample;
import eg3d.nn.Shapes;
import eg3d.nn.Owned;

/**
 * Features at 3-D points from the three planes: scale points by 2/boxWarp, project onto each
 * plane, sample bilinearly with zero padding and align_corners=False.
 *
 * <p>Two routes to the same function. Inference uses PyTorch's own grid_sample kernel (the
 * reference's rounding, output-sized memory). When the planes carry a graph (training), sampling is
 * four weighted row gathers from channels-last planes, whose gradients are checked against the
 * reference's training step; corners outside the plane get weight 0, and a coordinate g maps to
 * the pixel position (g + 1)·W/2 − 0.5.
 */
public final class TriPlaneSampler {
    private TriPlaneSampler() {}

    /** coordinates [N,M,3] → features [N,3,M,C]. */
    public static NDArray sample(TriPlanes planes, NDArray coordinates, double boxWarp, PlaneProjection projection) {
        Shapes.check("sample coordinates", coordinates, planes.getBatch(), Shapes.ANY, 3);
        NDArray scaled = Owned.mul(coordinates, (float) (2 / boxWarp));
        NDList u = new NDList(3), v = new NDList(3);
        for (int p = 0; p < 3; p++) {
            int[] axes = projection.axes(p);
            u.add(scaled.get(new NDIndex(":, :, {}", axes[0])));                // column coordinate [N,M]
            v.add(scaled.get(new NDIndex(":, :, {}", axes[1])));                // row coordinate
        }
        NDArray gx = NDArrays.stack(u, 1), gy = NDArrays.stack(v, 1);          // [N,3,M]
        return Conv2dResample.tracked(planes.getPlanes()) ? gathered(planes, gx, gy) : kernel(planes, gx, gy);
    }

    private static NDArray kernel(TriPlanes planes, NDArray gx, NDArray gy) {
        long n = planes.getBatch(), m = gx.getShape().get(2), c = planes.getChannels();
        NDArray grid = gx.stack(gy, 3).reshape(n * 3, 1, m, 2);
        NDArray flat = planes.getPlanes().reshape(n * 3, c, planes.getHeight(), planes.getWidth());
        return GridSample.bilinear(flat, grid).transpose(0, 3, 2, 1).reshape(n, 3, m, c);  // [N·3,C,1,M] → [N,3,M,C]
    }

    private static NDArray gathered(TriPlanes planes, NDArray gx, NDArray gy) {
        long n = planes.getBatch(), m = gx.getShape().get(2);
        long c = planes.getChannels(), h = planes.getHeight(), w = planes.getWidth();
        NDManager mgr = gx.getManager();
        NDArray rows = planes.getPlanes().transpose(0, 1, 3, 4, 2).reshape(-1, c);  // [N·3·H·W, C]
        NDArray ix = Owned.mul(gx.add(1f), w / 2f).sub(0.5f), iy = Owned.mul(gy.add(1f), h / 2f).sub(0.5f);
        NDArray x0 = ix.floor(), y0 = iy.floor();
        NDArray wx = ix.sub(x0), wy = iy.sub(y0);                                 // fractional parts
        NDArray ex = wx.neg().add(1f), sy = wy.neg().add(1f);
        long[] base = new long[(int) (n * 3)];
        for (int i = 0; i < base.length; i++) {
            base[i] = i * h * w;                                                  // first row of plane (n, p)
        }
        NDArray offset = Owned.of(mgr.create(base)).reshape(n, 3, 1);
        NDArray[] cornerW = {sy.mul(ex), sy.mul(wx), wy.mul(ex), wy.mul(wx)};      // nw, ne, sw, se
        NDArray result = null;
        for (int corner = 0; corner < 4; corner++) {
            NDArray xi = corner % 2 == 0 ? x0 : x0.add(1f);
            NDArray yi = corner < 2 ? y0 : y0.add(1f);
            NDArray inside = xi.gte(0f).logicalAnd(xi.lte(w - 1f)).logicalAnd(yi.gte(0f)).logicalAnd(yi.lte(h - 1f));
            NDArray weight = cornerW[corner].mul(inside.toType(DataType.FLOAT32, false));
            NDArray index = Owned.mul(yi.clip(0, h - 1), (float) w).add(xi.clip(0, w - 1)).toType(DataType.INT64, false).add(offset);
            NDArray term = rows.get(new NDIndex("{}", index.reshape(-1))).reshape(n, 3, m, c).mul(weight.expandDims(3));
            result = result == null ? term : result.add(term);
        }
        return result;
    }
}
