package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import eg3d.nn.Shapes;

/**
 * Features at 3-D points from the three planes: scale points by 2/boxWarp, project onto each
 * plane, sample bilinearly with zero padding and align_corners=False.
 *
 * <p>Bilinear sampling is four row gathers from the channels-last planes, weighted by the corner
 * areas; corners outside the plane get weight 0. With align_corners=False a coordinate g in
 * [−1, 1] maps to the pixel position (g + 1)·W/2 − 0.5, written in the order torch's CPU kernel
 * uses so the rounding matches too.
 */
public final class TriPlaneSampler {
    private TriPlaneSampler() {}

    /** coordinates [N,M,3] → features [N,3,M,C]. */
    public static NDArray sample(TriPlanes planes, NDArray coordinates, double boxWarp, PlaneProjection projection) {
        Shapes.check("sample coordinates", coordinates, planes.getBatch(), Shapes.ANY, 3);
        long n = planes.getBatch(), m = coordinates.getShape().get(1);
        long c = planes.getChannels(), h = planes.getHeight(), w = planes.getWidth();
        NDArray scaled = coordinates.mul((float) (2 / boxWarp));
        NDList gx = new NDList(3), gy = new NDList(3);
        for (int p = 0; p < 3; p++) {
            int[] axes = projection.axes(p);
            gx.add(scaled.get(new NDIndex(":, :, {}", axes[0])));
            gy.add(scaled.get(new NDIndex(":, :, {}", axes[1])));
        }
        NDArray ix = NDArrays.stack(gx, 1).add(1f).mul(w / 2f).sub(0.5f);                    // [N,3,M] column
        NDArray iy = NDArrays.stack(gy, 1).add(1f).mul(h / 2f).sub(0.5f);                    // [N,3,M] row
        NDArray x0 = ix.floor(), y0 = iy.floor();
        NDArray wx = ix.sub(x0), wy = iy.sub(y0);                                            // fractional parts
        NDArray ex = wx.neg().add(1f), sy = wy.neg().add(1f);
        // Row offset of plane (n, p) in the channels-last table.
        long[] base = new long[(int) (n * 3)];
        for (int i = 0; i < base.length; i++) {
            base[i] = i * h * w;
        }
        NDArray offset = coordinates.getManager().create(base).reshape(n, 3, 1);
        NDArray result = null;
        NDArray[] cornerW = {sy.mul(ex), sy.mul(wx), wy.mul(ex), wy.mul(wx)};               // nw, ne, sw, se
        for (int corner = 0; corner < 4; corner++) {
            // Each corner's temporaries die here, so the peak stays near one gathered corner.
            try (NDManager cornerScope = coordinates.getManager().newSubManager()) {
                cornerScope.tempAttachAll(x0, y0, cornerW[corner], offset, planes.rows());
                NDArray xi = corner % 2 == 0 ? x0 : x0.add(1f);
                NDArray yi = corner < 2 ? y0 : y0.add(1f);
                NDArray inside = xi.gte(0f).logicalAnd(xi.lte(w - 1f)).logicalAnd(yi.gte(0f)).logicalAnd(yi.lte(h - 1f));
                NDArray weight = cornerW[corner].mul(inside.toType(DataType.FLOAT32, false));
                NDArray index = yi.clip(0, h - 1).mul((float) w).add(xi.clip(0, w - 1)).toType(DataType.INT64, false).add(offset);
                NDArray term = planes.rows().get(new NDIndex("{}", index.reshape(-1))).reshape(n, 3, m, c)
                        .muli(weight.expandDims(3));
                if (result == null) {
                    result = term;
                    result.attach(coordinates.getManager());
                } else {
                    result.addi(term);
                }
            }
        }
        return result;
    }
}
