package eg3d.media;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Pictures from generator outputs: CHW float arrays to 8-bit images, depth maps, grids, PNG bytes.
 *
 * <p>Greyscale images are {@code TYPE_BYTE_GRAY} and are copied through their rasters only. Java2D's
 * drawImage and getRGB treat that type as linear grey and gamma-convert it to sRGB, which would
 * brighten every mid-tone; rasters keep the stored bytes.
 */
public final class Images {
    private Images() {}

    /**
     * data [C,H,W] (C = 1 or 3) to an 8-bit image: floor((x - lo)·255/(hi - lo) + 0.5), clamped to
     * [0, 255]. For [lo, hi] = [-1, 1] this equals the official {@code (x * 127.5 + 128).clamp(0, 255)}
     * cast to uint8. One channel gives a grey image, three an RGB one. NaN maps to 0.
     */
    public static BufferedImage fromChw(float[] data, int channels, int height, int width, float lo, float hi) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("fromChw: channels is " + channels + "; expected 1 (grey) or 3 (RGB)");
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("fromChw: height " + height + " and width " + width + " must be positive");
        }
        long expected = (long) channels * height * width;
        if (data.length != expected) {
            throw new IllegalArgumentException("fromChw: data has " + data.length + " values, expected " + expected
                    + " for [C,H,W] = [" + channels + "," + height + "," + width + "]");
        }
        if (!(hi > lo)) {
            throw new IllegalArgumentException("fromChw: hi (" + hi + ") must exceed lo (" + lo + ")");
        }
        float scale = 255f / (hi - lo);
        int plane = height * width;
        if (channels == 1) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = image.getRaster();
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    row[x] = toByte(data[y * width + x], lo, scale);
                }
                raster.setSamples(0, y, width, 1, 0, row);
            }
            return image;
        }
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = toByte(data[i], lo, scale) << 16 | toByte(data[plane + i], lo, scale) << 8
                    | toByte(data[2 * plane + i], lo, scale);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    private static int toByte(float x, float lo, float scale) {
        float v = (float) Math.floor((x - lo) * scale + 0.5f);
        return v >= 255f ? 255 : v > 0f ? (int) v : 0; // the last branch also sends NaN to 0
    }

    /**
     * depth [H,W] to a grey image normalised over its finite min..max, nearer (smaller depth)
     * brighter, as the official video script shows depth. Non-finite depths are black, and so is a
     * constant map.
     */
    public static BufferedImage depthToImage(float[] depth, int height, int width) {
        if (height <= 0 || width <= 0 || depth.length != (long) height * width) {
            throw new IllegalArgumentException("depthToImage: depth has " + depth.length + " values, expected "
                    + (long) height * width + " for [H,W] = [" + height + "," + width + "]");
        }
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float d : depth) {
            if (Float.isFinite(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        float[] near = new float[depth.length];
        for (int i = 0; i < depth.length; i++) {
            near[i] = Float.isFinite(depth[i]) && max > min ? (max - depth[i]) / (max - min) : Float.NaN;
        }
        return fromChw(near, 1, height, width, 0f, 1f);
    }

    /** Same-size tiles in rows of {@code columns}, left to right then top to bottom; missing tiles are black. */
    public static BufferedImage grid(List<BufferedImage> images, int columns) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("grid: no images given");
        }
        if (columns <= 0) {
            throw new IllegalArgumentException("grid: columns is " + columns + "; it must be at least 1");
        }
        int w = images.get(0).getWidth(), h = images.get(0).getHeight();
        for (int i = 1; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            if (image.getWidth() != w || image.getHeight() != h) {
                throw new IllegalArgumentException("grid: image " + i + " is " + image.getWidth() + "x"
                        + image.getHeight() + " but image 0 is " + w + "x" + h + "; all tiles must be the same size");
            }
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage out = blankLike(images, cols * w, rows * h);
        for (int i = 0; i < images.size(); i++) {
            paste(images.get(i), out, (i % columns) * w, (i / columns) * h);
        }
        return out;
    }

    /** Images of equal height, side by side from left to right. */
    public static BufferedImage hstack(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("hstack: no images given");
        }
        int h = images.get(0).getHeight();
        int width = 0;
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            if (image.getHeight() != h) {
                throw new IllegalArgumentException("hstack: image " + i + " is " + image.getHeight()
                        + " pixels high but image 0 is " + h + "; all must have the same height");
            }
            width += image.getWidth();
        }
        BufferedImage out = blankLike(images, width, h);
        int x = 0;
        for (BufferedImage image : images) {
            paste(image, out, x, 0);
            x += image.getWidth();
        }
        return out;
    }

    /** PNG bytes, grey for TYPE_BYTE_GRAY images, RGB otherwise. */
    public static byte[] toPng(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalArgumentException("toPng: no PNG writer accepts image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("toPng: encoding failed: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Writes a PNG file, creating its folder if needed. */
    public static void writePng(BufferedImage image, Path file) {
        byte[] png = toPng(image);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write the PNG: " + e.getMessage(), e);
        }
    }

    /** Each pixel as 0xRRGGBB, taking grey bytes as they are stored (see the class comment). */
    static int[] rgbPixels(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] rgb = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            image.getRaster().getSamples(0, 0, w, h, 0, rgb);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] *= 0x010101;
            }
        } else {
            image.getRGB(0, 0, w, h, rgb, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xFFFFFF;
            }
        }
        return rgb;
    }

    private static BufferedImage blankLike(List<BufferedImage> images, int width, int height) {
        boolean allGrey = images.stream().allMatch(i -> i.getType() == BufferedImage.TYPE_BYTE_GRAY);
        return new BufferedImage(width, height, allGrey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    }

    private static void paste(BufferedImage tile, BufferedImage out, int x, int y) {
        if (out.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            out.getRaster().setRect(x, y, tile.getRaster());
        } else {
            out.setRGB(x, y, tile.getWidth(), tile.getHeight(), rgbPixels(tile), 0, tile.getWidth());
        }
    }
}
