package eg3d.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * The images of a dataset zip or an image folder (PNG or JPEG, found recursively, in sorted path
 * order), with the camera labels of its {@code dataset.json} when present. This is all the metrics
 * need from a dataset: pixels as uint8 values, labels to draw generator cameras from, and a content
 * hash for the statistics cache.
 */
public final class ImageSet implements AutoCloseable {
    private final Path path;
    private final @Nullable ZipFile zip;
    private final List<String> names;
    private final Map<String, float[]> labels;
    private final String contentHash;

    private ImageSet(Path path, @Nullable ZipFile zip, List<String> names, Map<String, float[]> labels, String contentHash) {
        this.path = path;
        this.zip = zip;
        this.names = names;
        this.labels = labels;
        this.contentHash = contentHash;
    }

    /** Opens a {@code .zip} dataset or a folder of images. */
    public static ImageSet open(Path path) {
        try {
            if (Files.isDirectory(path)) {
                return openFolder(path);
            }
            if (Files.isRegularFile(path) && path.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                return openZip(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read dataset " + path + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(path + ": not an image folder or a .zip dataset; check the path");
    }

    private static ImageSet openFolder(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .filter(ImageSet::isImage).forEach(names::add);
        }
        Collections.sort(names);
        requireImages(dir, names);
        MessageDigest digest = Hashing.sha256();
        for (String name : names) {
            digest.update((name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Hashing.updateWithFile(digest, dir.resolve(name));
        }
        Path json = dir.resolve("dataset.json");
        Map<String, float[]> labels = Map.of();
        if (Files.isRegularFile(json)) {
            Hashing.updateWithFile(digest, json);
            try (InputStream in = Files.newInputStream(json)) {
                labels = parseLabels(in, json.toString());
            }
        }
        return new ImageSet(dir, null, names, labels, Hashing.hex(digest));
    }

    private static ImageSet openZip(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        try {
            List<String> names = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).filter(ImageSet::isImage).forEach(names::add);
            Collections.sort(names);
            requireImages(file, names);
            Map<String, float[]> labels = Map.of();
            ZipEntry json = zip.getEntry("dataset.json");
            if (json != null) {
                try (InputStream in = zip.getInputStream(json)) {
                    labels = parseLabels(in, file + "!dataset.json");
                }
            }
            return new ImageSet(file, zip, names, labels, Hashing.ofFile(file));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** dataset.json: {"labels": [[relative path, [25 floats]], ...]} or {"labels": null}. */
    private static Map<String, float[]> parseLabels(InputStream in, String where) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        JsonNode list = root.path("labels");
        if (list.isNull() || list.isMissingNode()) {
            return Map.of();
        }
        Map<String, float[]> labels = new HashMap<>();
        for (JsonNode entry : list) {
            JsonNode values = entry.get(1);
            if (entry.size() != 2 || values == null || !values.isArray()) {
                throw new IllegalArgumentException(where + ": each labels entry must be [file name, [floats]], got " + entry);
            }
            float[] label = new float[values.size()];
            for (int i = 0; i < label.length; i++) {
                label[i] = (float) values.get(i).asDouble();
            }
            labels.put(entry.get(0).asText(), label);
        }
        return labels;
    }

    private static boolean isImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    private static void requireImages(Path where, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(where + ": no .png or .jpg images found; check the path");
        }
    }

    public Path getPath() {
        return path;
    }

    public int size() {
        return names.size();
    }

    /** SHA-256 of the zip file, or of the folder's image names and bytes plus its dataset.json. */
    public String getContentHash() {
        return contentHash;
    }

    /** Whether every image has a camera label. */
    public boolean hasLabels() {
        return !labels.isEmpty() && names.stream().allMatch(labels::containsKey);
    }

    /** The camera label of image i. */
    public float[] getLabel(int index) {
        float[] label = labels.get(names.get(index));
        if (label == null) {
            throw new IllegalArgumentException(path + ": image " + names.get(index) + " has no label in dataset.json; "
                    + "camera-conditioned metrics need a label per image");
        }
        return label.clone();
    }

    /** Image i as [3,H,W] RGB values 0..255 (grey images are repeated over the channels). */
    public float[] readChw(int index) {
        BufferedImage image = read(index);
        int h = image.getHeight(), w = image.getWidth(), plane = h * w;
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        float[] chw = new float[3 * plane];
        int[] pixel = new int[bands];
        int type = image.getType();
        boolean plain = type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR
                || type == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (plain) {
                    // Raster samples are the stored bytes, with no colour-space conversion (see Images).
                    raster.getPixel(x, y, pixel);
                    for (int c = 0; c < 3; c++) {
                        chw[c * plane + i] = pixel[bands >= 3 ? c : 0];
                    }
                } else {
                    int rgb = image.getRGB(x, y);
                    chw[i] = (rgb >> 16) & 0xff;
                    chw[plane + i] = (rgb >> 8) & 0xff;
                    chw[2 * plane + i] = rgb & 0xff;
                }
            }
        }
        return chw;
    }

    /** The relative path of image i inside the zip or folder, e.g. {@code 00000/img00000000.png}. */
    public String getFileName(int index) {
        return names.get(index);
    }

    /** The bytes of another file in the zip or folder (a relative path), or null when there is none. */
    byte @Nullable [] readEntry(String relative) {
        try {
            if (zip != null) {
                ZipEntry entry = zip.getEntry(relative);
                if (entry == null) {
                    return null;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return in.readAllBytes();
                }
            }
            Path file = path.resolve(relative);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + relative + " from " + path + ": " + e.getMessage(), e);
        }
    }

    /** Height and width of image i. */
    public int[] getSize(int index) {
        BufferedImage image = read(index);
        return new int[] {image.getHeight(), image.getWidth()};
    }

    private BufferedImage read(int index) {
        String name = names.get(index);
        try (InputStream in = zip != null ? zip.getInputStream(zip.getEntry(name)) : Files.newInputStream(path.resolve(name))) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IllegalArgumentException(path + ": " + name + " is not a readable PNG or JPEG");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + " from " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
