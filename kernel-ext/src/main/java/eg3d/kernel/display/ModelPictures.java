package eg3d.kernel.display;

import ai.djl.ndarray.NDArray;
import eg3d.Sample;
import eg3d.media.Colormap;
import eg3d.media.Images;
import eg3d.model.Generated;
import eg3d.render.TriPlanes;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Generator results as one picture each: what the display hooks show for samples, batches and tri-planes. */
final class ModelPictures {
    // Nano and tiny models draw 64-pixel images and 16-ray raw images: too small to see in a notebook unless enlarged.
    static final int MIN_HEIGHT = 128;
    // Gap between panels, so the image, raw image and depth read as three pictures.
    static final int GAP = 4;

    private ModelPictures() {}

    /** The final image, the raw (neural-rendering) image and the depth map, side by side at one height. */
    static BufferedImage sample(Sample s) {
        return panels(List.of(s.getImage(), s.getImageRaw(), s.getDepth()));
    }

    /** The same three panels for the first item of a batch. */
    static BufferedImage generated(Generated g) {
        NDArray d = g.getImageDepth().get(0);
        int h = (int) d.getShape().get(1), w = (int) d.getShape().get(2);
        return panels(List.of(rgb(g.getImage()), rgb(g.getImageRaw()), Images.depthToImage(d.toFloatArray(), h, w)));
    }

    static String generatedText(Generated g) {
        return "Generated image " + g.getImage().getShape() + ", raw " + g.getImageRaw().getShape()
                + ", depth " + g.getImageDepth().getShape();
    }

    /**
     * The three planes (XY, XZ, ZX as the renderer samples them) of the first item, each in false
     * colour: its first three feature channels as red, green and blue, each stretched over its own
     * 1st–99th percentile so one outlier does not grey out the rest. A one-channel plane is shown in viridis.
     */
    static BufferedImage triPlanes(TriPlanes t) {
        int c = (int) t.getChannels(), h = (int) t.getHeight(), w = (int) t.getWidth();
        int shown = Math.min(3, c);
        float[] first = t.getPlanes().get(0).toFloatArray();    // [3,C,H,W]
        List<BufferedImage> planes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            float[][] channel = new float[shown][];
            for (int k = 0; k < shown; k++) {
                int from = (p * c + k) * h * w;
                channel[k] = stretch(java.util.Arrays.copyOfRange(first, from, from + h * w));
            }
            for (int i = 0; i < h * w; i++) {
                int rgb;
                if (shown == 1) {
                    rgb = Colormap.VIRIDIS.rgb(channel[0][i]);
                } else {
                    rgb = 0;
                    for (int k = 0; k < 3; k++) rgb = (rgb << 8) | (k < shown ? Math.round(channel[k][i] * 255f) : 0);
                }
                img.setRGB(i % w, i / w, rgb);
            }
            planes.add(img);
        }
        return panels(planes);
    }

    static String triPlanesText(TriPlanes t) {
        return String.format(Locale.ROOT, "TriPlanes %d×3 planes of %d channels at %dx%d", t.getBatch(), t.getChannels(),
                t.getHeight(), t.getWidth());
    }

    /** Values mapped to [0, 1] over their 1st–99th percentile, clamped; a constant channel maps to 0 (adds no colour). */
    static float[] stretch(float[] v) {
        float[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        float lo = sorted[(int) (0.01 * (sorted.length - 1))], hi = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = hi > lo ? Math.max(0f, Math.min(1f, (v[i] - lo) / (hi - lo))) : 0f;
        }
        return out;
    }

    private static BufferedImage rgb(NDArray batch) {
        NDArray x = batch.get(0);
        int c = (int) x.getShape().get(0), h = (int) x.getShape().get(1), w = (int) x.getShape().get(2);
        return Images.fromChw(x.toFloatArray(), c, h, w, -1f, 1f);
    }

    /** Pictures scaled (nearest neighbour, so pixels stay visible) to a common height, with white gaps between. */
    static BufferedImage panels(List<BufferedImage> pictures) {
        int height = MIN_HEIGHT;
        for (BufferedImage p : pictures) height = Math.max(height, p.getHeight());
        int width = GAP * (pictures.size() - 1);
        int[] widths = new int[pictures.size()];
        for (int i = 0; i < pictures.size(); i++) {
            BufferedImage p = pictures.get(i);
            widths[i] = (int) Math.round((double) p.getWidth() * height / p.getHeight());
            width += widths[i];
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int x = 0;
        for (int i = 0; i < pictures.size(); i++) {
            g.drawImage(pictures.get(i), x, 0, widths[i], height, null);
            x += widths[i] + GAP;
        }
        g.dispose();
        return out;
    }
}
