package eg3d.data;

import java.awt.image.BufferedImage;

/**
 * Mirroring about the image's vertical axis. For the camera this is a reflection of world x:
 * cam2world' = S·cam2world·S with S = diag(−1, 1, 1, 1), which negates yaw (EG3D's mirrored FFHQ
 * labels follow the same rule), and the principal point moves to 1 − cx.
 */
public final class XFlip {
    private XFlip() {}

    /** The label of the mirrored image. */
    public static float[] camera(float[] c) {
        float[] out = c.clone();
        // S·M·S negates every entry with exactly one index equal to 0 (row 0 xor column 0).
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if ((i == 0) != (j == 0)) {
                    out[i * 4 + j] = -c[i * 4 + j];
                }
            }
        }
        // Intrinsics: u' = 1 − u. With the camera's x axis also reflected, fx keeps its sign,
        // the skew flips and the principal point mirrors.
        out[17] = -c[17];
        out[18] = 1 - c[18];
        return out;
    }

    /** A mirrored copy of an image. */
    public static BufferedImage image(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w / 2; x++) {
                int t = row[x];
                row[x] = row[w - 1 - x];
                row[w - 1 - x] = t;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }
}
