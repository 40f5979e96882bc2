package eg3d.metrics;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small synthetic image folders: smooth random colour blobs, optionally with Gaussian pixel noise. */
final class TestImages {
    static final int SIZE = 32;

    private TestImages() {}

    /** Writes n PNGs (img000.png, …); the same seed gives the same scenes, noiseSigma adds noise in 0..255 units. */
    static Path folder(Path dir, int n, long seed, double noiseSigma) {
        Random scenes = new Random(seed), noise = new Random(seed + 1000);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < n; i++) {
                double cx = scenes.nextDouble() * SIZE, cy = scenes.nextDouble() * SIZE, r = 4 + scenes.nextDouble() * 10;
                int[] colour = {scenes.nextInt(256), scenes.nextInt(256), scenes.nextInt(256)};
                int background = scenes.nextInt(128);
                BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        double inside = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r));
                        int rgb = 0;
                        for (int c = 0; c < 3; c++) {
                            double v = background + (colour[c] - background) * inside + noise.nextGaussian() * noiseSigma;
                            rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(v)));
                        }
                        image.setRGB(x, y, rgb);
                    }
                }
                ImageIO.write(image, "png", dir.resolve(String.format("img%03d.png", i)).toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
