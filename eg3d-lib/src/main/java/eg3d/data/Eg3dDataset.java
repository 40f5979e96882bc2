package eg3d.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.camera.CameraVector;
import eg3d.media.Images;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A dataset in the EG3D format: PNG/JPEG images, all square and of one size, in a ZIP archive or a
 * folder, with {@code dataset.json} giving each image's 25-float camera label. Opening validates
 * everything up front, so a bad dataset fails before training starts, with a message that names
 * the file and the entry.
 *
 * <p>Items {@code 0..n−1} are the source images in file-name order (a seeded subset when
 * {@link DatasetOptions#maxSize()} is set); with {@link DatasetOptions#xflip()}, items
 * {@code n..2n−1} are their mirror images, whose cameras are mirrored by {@link XFlip#camera}.
 */
public final class Eg3dDataset implements AutoCloseable {
    private final DatasetSource source;
    private final DatasetOptions options;
    private final String name;
    private final int resolution;
    private final List<String> files;        // the n source images, in item order
    private final float[][] cameras;          // their labels, as stored
    private final Random shuffle;             // the batch stream's generator; advances epoch by epoch
    private int[] order = new int[0];
    private int position;

    private Eg3dDataset(DatasetSource source, DatasetOptions options, String name, int resolution,
            List<String> files, float[][] cameras) {
        this.source = source;
        this.options = options;
        this.name = name;
        this.resolution = resolution;
        this.files = files;
        this.cameras = cameras;
        this.shuffle = new Random(options.seed());
    }

    /** Opens and validates a dataset. Throws {@link DatasetException} with the file, the entry and the fix. */
    public static Eg3dDataset open(Path zipOrDir, DatasetOptions options) {
        DatasetSource source = DatasetSource.open(zipOrDir);
        try {
            return validate(source, options);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static Eg3dDataset validate(DatasetSource source, DatasetOptions options) {
        Path path = source.path;
        if (!source.exists(DatasetJson.FILE_NAME)) {
            throw new DatasetException(path + ": no dataset.json at the top level; EG3D datasets need "
                    + "{\"labels\": [[file, [25 floats]], ...]} there; convert the images with ./eg3d dataset-tool, "
                    + "which imports cameras from transforms.json or COLMAP");
        }
        LinkedHashMap<String, float[]> labels = DatasetJson.parse(source.read(DatasetJson.FILE_NAME), source.where(DatasetJson.FILE_NAME));
        List<String> images = new ArrayList<>();
        for (String file : source.names()) {
            if (DatasetSource.isImage(file)) {
                images.add(file);
            }
        }
        for (String listed : labels.keySet()) {
            if (!source.exists(listed)) {
                throw new DatasetException(source.where(DatasetJson.FILE_NAME) + ": labels lists '" + listed
                        + "' but " + path + " has no such image; add the image or remove its entry");
            }
        }
        for (String image : images) {
            if (!labels.containsKey(image)) {
                throw new DatasetException(source.where(image) + ": the image has no label in dataset.json; "
                        + "add [\"" + image + "\", [25 floats]] to \"labels\" or remove the image");
            }
        }
        if (images.isEmpty()) {
            throw new DatasetException(path + ": no images (.png, .jpg, .jpeg) found; an EG3D dataset needs at least one");
        }
        int[] first = imageSize(source, images.get(0));
        for (String image : images) {
            int[] size = image.equals(images.get(0)) ? first : imageSize(source, image);
            if (size[0] != size[1]) {
                throw new DatasetException(source.where(image) + ": the image is " + size[0] + "x" + size[1]
                        + " but EG3D needs square images; convert with ./eg3d dataset-tool --transform center-crop --resolution R");
            }
            if (size[0] != first[0]) {
                throw new DatasetException(source.where(image) + ": the image is " + size[0] + "x" + size[1] + " but "
                        + images.get(0) + " is " + first[0] + "x" + first[1]
                        + "; all images must have one size: resize with ./eg3d dataset-tool --resolution R");
            }
        }
        List<String> files = subset(images, options);
        float[][] cameras = new float[files.size()][];
        for (int i = 0; i < cameras.length; i++) {
            cameras[i] = labels.get(files.get(i));
        }
        return new Eg3dDataset(source, options, baseName(path), first[0], files, cameras);
    }

    /** The official rule: a seeded random subset of maxSize images, kept in file order. */
    private static List<String> subset(List<String> images, DatasetOptions options) {
        Integer max = options.maxSize();
        if (max == null || max >= images.size()) {
            return List.copyOf(images);
        }
        int[] picked = permutation(images.size(), new Random(options.seed()));
        int[] kept = Arrays.copyOf(picked, max);
        Arrays.sort(kept);
        List<String> out = new ArrayList<>(max);
        for (int i : kept) {
            out.add(images.get(i));
        }
        return List.copyOf(out);
    }

    private static int[] imageSize(DatasetSource source, String image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(source.read(image)))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetException(source.where(image) + ": not a readable PNG or JPEG image; re-encode or remove it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DatasetException(source.where(image) + ": cannot read the image header (" + e.getMessage() + "); re-encode or remove it", e);
        }
    }

    private static String baseName(Path path) {
        Path file = path.toAbsolutePath().normalize().getFileName();
        String name = file == null ? "dataset" : file.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Items, counting the mirrored copies. */
    public int size() {
        return files.size() * (options.xflip() ? 2 : 1);
    }

    /** The images' width and height. */
    public int getResolution() {
        return resolution;
    }

    /** The archive's or folder's name without extension, e.g. {@code ffhq512} for {@code ffhq512.zip}. */
    public String getName() {
        return name;
    }

    public DatasetOptions getOptions() {
        return options;
    }

    /** The archive or folder this dataset was read from. */
    public Path getPath() {
        return source.path;
    }

    /** The image file behind item i (the same file for an item and its mirror). */
    public String fileName(int i) {
        return files.get(rawIndex(i));
    }

    /** Whether item i is a mirrored copy. */
    public boolean isFlipped(int i) {
        checkIndex(i);
        return i >= files.size();
    }

    /** The stored camera of item i (mirrored for mirrored copies), whatever {@code useLabels} says. */
    public float[] camera(int i) {
        float[] c = cameras[rawIndex(i)];
        return isFlipped(i) ? XFlip.camera(c) : c.clone();
    }

    /** The 25-float label of item i: its camera, or zeros when labels are off. */
    public float[] label(int i) {
        return options.useLabels() ? camera(i) : new float[CameraVector.SIZE];
    }

    /** Per-dimension standard deviation (population) of {@link #label} over all items. */
    public float[] labelStd() {
        int n = size();
        double[] mean = new double[CameraVector.SIZE], sq = new double[CameraVector.SIZE];
        for (int i = 0; i < n; i++) {
            float[] c = label(i);
            for (int k = 0; k < c.length; k++) {
                mean[k] += c[k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= n;
        }
        for (int i = 0; i < n; i++) {
            float[] c = label(i);
            for (int k = 0; k < c.length; k++) {
                sq[k] += (c[k] - mean[k]) * (c[k] - mean[k]);
            }
        }
        float[] std = new float[CameraVector.SIZE];
        for (int k = 0; k < std.length; k++) {
            std[k] = (float) Math.sqrt(sq[k] / n);
        }
        return std;
    }

    /** Item i as an RGB image (mirrored for mirrored copies). */
    public BufferedImage image(int i) {
        String file = files.get(rawIndex(i));
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(source.read(file)));
        } catch (IOException e) {
            throw new DatasetException(source.where(file) + ": cannot decode (" + e.getMessage() + "); re-encode or remove it", e);
        }
        if (decoded == null) {
            throw new DatasetException(source.where(file) + ": not a readable PNG or JPEG image; re-encode or remove it");
        }
        return isFlipped(i) ? XFlip.image(decoded) : decoded;
    }

    /** A training batch: images [B,3,R,R] float32 in [−1,1] (uint8/127.5 − 1) and labels c [B,25]. */
    public record Batch(NDArray images, NDArray c) implements AutoCloseable {
        @Override
        public void close() {
            images.close();
            c.close();
        }
    }

    /**
     * Moves the batch stream past {@code items} items without reading them, so a resumed run sees
     * exactly the batches an uninterrupted one would have seen after that many images.
     */
    public synchronized void skip(long items) {
        if (items < 0) {
            throw new IllegalArgumentException("cannot skip " + items + " items");
        }
        long left = items;
        while (left > 0) {
            if (position == order.length) {
                order = permutation(size(), shuffle);
                position = 0;
            }
            int step = (int) Math.min(left, order.length - position);
            position += step;
            left -= step;
        }
    }

    /**
     * The next {@code batchSize} items of a shuffled stream: a fresh permutation of all items per
     * epoch, drawn from the seed, so two datasets opened with the same seed yield the same batches.
     * A batch may straddle two epochs. The arrays belong to {@code manager}.
     */
    public Batch next(NDManager manager, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize is " + batchSize + "; it must be at least 1");
        }
        int[] items = new int[batchSize];
        synchronized (this) {
            for (int b = 0; b < batchSize; b++) {
                if (position == order.length) {
                    order = permutation(size(), shuffle);
                    position = 0;
                }
                items[b] = order[position++];
            }
        }
        int r = resolution, plane = r * r;
        float[] pixels = new float[batchSize * 3 * plane];
        float[] labels = new float[batchSize * CameraVector.SIZE];
        IntStream.range(0, batchSize).parallel().forEach(b -> {
            int[] rgb = image(items[b]).getRGB(0, 0, r, r, null, 0, r);
            int base = b * 3 * plane;
            for (int p = 0; p < plane; p++) {
                int v = rgb[p];
                pixels[base + p] = ((v >> 16) & 0xff) / 127.5f - 1;
                pixels[base + plane + p] = ((v >> 8) & 0xff) / 127.5f - 1;
                pixels[base + 2 * plane + p] = (v & 0xff) / 127.5f - 1;
            }
            System.arraycopy(label(items[b]), 0, labels, b * CameraVector.SIZE, CameraVector.SIZE);
        });
        return new Batch(manager.create(pixels, new Shape(batchSize, 3, r, r)),
                manager.create(labels, new Shape(batchSize, CameraVector.SIZE)));
    }

    /**
     * {@code n} items (at most {@link #size()}) chosen with the seed, tiled in rows of ⌈√n⌉: the
     * {@code reals.png} of a training run.
     */
    public BufferedImage grid(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("grid: n is " + n + "; it must be at least 1");
        }
        int count = Math.min(n, size());
        int[] picked = permutation(size(), new Random(options.seed()));
        List<BufferedImage> tiles = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            tiles.add(image(picked[k]));
        }
        return Images.grid(tiles, (int) Math.ceil(Math.sqrt(count)));
    }

    private int rawIndex(int i) {
        checkIndex(i);
        return i % files.size();
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(name + ": item " + i + " is outside [0, " + size() + ")");
        }
    }

    /** Fisher–Yates shuffle of 0..n−1. */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return "Eg3dDataset(" + name + ", " + size() + " items at " + resolution + "², " + options + ")";
    }
}
