package eg3d.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;

    @Test
    void fromChwMatchesTheOfficialConversion() {
        // Official: (x * 127.5 + 128).clamp(0, 255).to(uint8), i.e. round half up over [-1, 1].
        float[] x = {-1f, 1f, 0f, -2f, 1.5f, Float.NaN, 0.5f, -0.5f, 3f / 255f - 1f, 2.5f / 127.5f - 1f};
        BufferedImage image = Images.fromChw(x, 1, 1, x.length, -1f, 1f);
        int[] got = image.getRaster().getSamples(0, 0, x.length, 1, 0, new int[x.length]);
        assertArrayEquals(new int[] {0, 255, 128, 0, 255, 0, 191, 64, 2, 3}, got);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
    }

    @Test
    void fromChwReadsChannelsAsPlanes() {
        // [3,1,2]: R plane, then G, then B.
        float[] data = {1f, 0f, 0f, 0.2f, 0f, 1f};
        BufferedImage image = Images.fromChw(data, 3, 1, 2, 0f, 1f);
        assertEquals(0xFF0000, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x0033FF, image.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void fromChwRefusesWrongShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.fromChw(new float[10], 3, 2, 2, 0f, 1f));
        assertEquals("fromChw: data has 10 values, expected 12 for [C,H,W] = [3,2,2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Images.fromChw(new float[8], 2, 2, 2, 0f, 1f));
        assertEquals("fromChw: channels is 2; expected 1 (grey) or 3 (RGB)", e.getMessage());
    }

    @Test
    void depthMapsShowNearerBrighter() {
        BufferedImage image = Images.depthToImage(new float[] {2f, 3f, 2.5f, Float.POSITIVE_INFINITY}, 2, 2);
        assertArrayEquals(new int[] {255, 0, 128, 0}, image.getRaster().getSamples(0, 0, 2, 2, 0, new int[4]));
    }

    @Test
    void greyLevelsSurvivePngAndGrids() throws IOException {
        // Java2D would gamma-convert grey through drawImage or getRGB (100 becomes about 167).
        BufferedImage grey = Images.fromChw(new float[] {100f, 200f}, 1, 1, 2, 0f, 255f);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Images.toPng(grey)));
        assertArrayEquals(new int[] {100, 200}, back.getRaster().getSamples(0, 0, 2, 1, 0, new int[2]));

        BufferedImage red = Images.fromChw(new float[] {1f, 1f, 0f, 0f, 0f, 0f}, 3, 1, 2, 0f, 1f);
        BufferedImage mixed = Images.grid(List.of(grey, red), 1);
        assertEquals(BufferedImage.TYPE_INT_RGB, mixed.getType());
        assertEquals(0x646464, mixed.getRGB(0, 0) & 0xFFFFFF, "grey 100 copied as 100, 100, 100");
        assertEquals(0xFF0000, mixed.getRGB(1, 1) & 0xFFFFFF);
        BufferedImage greys = Images.grid(List.of(grey, grey, grey), 2);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, greys.getType());
        assertArrayEquals(new int[] {100, 200, 100, 200, 100, 200, 0, 0},
                greys.getRaster().getSamples(0, 0, 4, 2, 0, new int[8]), "row-major tiles, the missing one black");
    }

    @Test
    void gridRefusesMixedSizes() {
        BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(4, 5, BufferedImage.TYPE_INT_RGB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.grid(List.of(a, a, b), 2));
        assertEquals("grid: image 2 is 4x5 but image 0 is 4x4; all tiles must be the same size", e.getMessage());
    }

    @Test
    void hstackJoinsEqualHeights() {
        BufferedImage a = Images.fromChw(new float[] {1, 0, 0}, 3, 1, 1, 0f, 1f);
        BufferedImage b = Images.fromChw(new float[] {0, 0, 0, 0, 1, 1}, 3, 1, 2, 0f, 1f);
        BufferedImage row = Images.hstack(List.of(a, b));
        assertEquals(3, row.getWidth());
        assertEquals(0xFF0000, row.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, row.getRGB(2, 0) & 0xFFFFFF);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.hstack(List.of(a, new BufferedImage(1, 2, BufferedImage.TYPE_INT_RGB))));
        assertEquals("hstack: image 1 is 2 pixels high but image 0 is 1; all must have the same height", e.getMessage());
    }

    @Test
    void writePngCreatesItsFolder() throws IOException {
        Path file = dir.resolve("a/b/image.png");
        Images.writePng(Images.fromChw(new float[] {0.5f}, 1, 1, 1, 0f, 1f), file);
        assertEquals(128, ImageIO.read(file.toFile()).getRaster().getSample(0, 0, 0));
        assertEquals((byte) 0x89, Files.readAllBytes(file)[0]);
    }
}
