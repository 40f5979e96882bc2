package eg3d.gen;

import ai.djl.ndarray.NDArray;
import eg3d.media.Images;
import eg3d.model.Generated;
import java.awt.image.BufferedImage;

/** Generator outputs as pictures, converted the way the official scripts save them. */
public final class Frames {
    private Frames() {}

    /** Sample {@code index} of a batch in the given mode. Depth is shown as the official videos do: −depth, min–max normalised. */
    public static BufferedImage picture(Generated g, ImageMode mode, int index) {
        switch (mode) {
            case IMAGE_RAW:
                return rgb(g.getImageRaw(), index);
            case IMAGE_DEPTH: {
                NDArray d = g.getImageDepth().get(index);
                float[] v = d.toFloatArray();
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (float x : v) {
                    lo = Math.min(lo, -x);
                    hi = Math.max(hi, -x);
                }
                float span = hi > lo ? hi - lo : 1;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (-v[i] - lo) / span * 2 - 1;
                }
                int h = (int) d.getShape().get(1), w = (int) d.getShape().get(2);
                return Images.fromChw(v, 1, h, w, -1f, 1f);
            }
            default:
                return rgb(g.getImage(), index);
        }
    }

    private static BufferedImage rgb(NDArray batch, int index) {
        NDArray x = batch.get(index);
        int c = (int) x.getShape().get(0), h = (int) x.getShape().get(1), w = (int) x.getShape().get(2);
        return Images.fromChw(x.toFloatArray(), c, h, w, -1f, 1f);
    }
}
