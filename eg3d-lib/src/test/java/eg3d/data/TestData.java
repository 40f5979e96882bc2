package eg3d.data;

import eg3d.camera.LookAtPoseSampler;
import eg3d.media.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small hand-made datasets: files by name, written as a folder or a zip. */
final class TestData {
    static final double[] PIVOT = {0, 0, 0.2};
    final Map<String, byte[]> files = new LinkedHashMap<>();

    /** A frontal-ish FFHQ-like camera for yaw offset {@code i}·0.1. */
    static float[] camera(int i) {
        return LookAtPoseSampler.camera(Math.PI / 2 + 0.1 * i, Math.PI / 2 - 0.05 * i, PIVOT, 2.7, 18.837).toArray();
    }

    /** An image whose pixel (x, y) has red = x, green = y, blue = seed: every pixel is known. */
    static BufferedImage gradient(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x & 0xff) << 16 | (y & 0xff) << 8 | (seed & 0xff));
            }
        }
        return image;
    }

    /** {@code count} labelled 8×8 images. */
    static TestData valid(int count) {
        TestData data = new TestData();
        Map<String, float[]> labels = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("00000/img%08d.png", i);
            data.put(name, Images.toPng(gradient(8, 8, i)));
            labels.put(name, camera(i));
        }
        data.put("dataset.json", DatasetJson.write(labels));
        return data;
    }

    TestData put(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    TestData put(String name, String text) {
        return put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    TestData remove(String name) {
        files.remove(name);
        return this;
    }

    Path writeFolder(Path dir) {
        try {
            for (var e : files.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeZip(Path zip) {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
