package eg3d.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eg3d.media.Colormap;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DensityVolumeTest {

    /** σ = 100·ix + 10·iy + iz, so every value names its own grid index. */
    static DensityVolume indexed(int n) {
        float[] values = new float[n * n * n];
        for (int ix = 0; ix < n; ix++) {
            for (int iy = 0; iy < n; iy++) {
                for (int iz = 0; iz < n; iz++) {
                    values[ix * n * n + iy * n + iz] = 100 * ix + 10 * iy + iz;
                }
            }
        }
        return new DensityVolume(values, n, 1f);
    }

    @Test
    void getReadsXSlowestZFastest() {
        DensityVolume volume = indexed(5);
        assertEquals(432f, volume.get(4, 3, 2));
        assertEquals(432f, volume.getValues()[4 * 25 + 3 * 5 + 2]);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> volume.get(0, 5, 0));
        assertEquals("density volume: index (0, 5, 0) is outside the 5³ grid", e.getMessage());
    }

    @Test
    void slicesShowTheNextAxesRightwardAndUpward() {
        DensityVolume volume = indexed(5);
        // Z slice: x grows to the right, y grows upward. Grey over [0, 444] makes pixel = value·255/444.
        BufferedImage z = volume.slice(Axis.Z, 2, 0f, 444f, Colormap.GREY);
        assertEquals(grey(0 + 40 + 2), z.getRGB(0, 0) & 0xFFFFFF, "top left is x = 0, y = 4");
        assertEquals(grey(400 + 0 + 2), z.getRGB(4, 4) & 0xFFFFFF, "bottom right is x = 4, y = 0");
        // X slice: y to the right, z upward. Y slice: z to the right, x upward.
        assertEquals(grey(300 + 10 + 4), volume.slice(Axis.X, 3, 0f, 444f, Colormap.GREY).getRGB(1, 0) & 0xFFFFFF);
        assertEquals(grey(400 + 20 + 1), volume.slice(Axis.Y, 2, 0f, 444f, Colormap.GREY).getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void autoRangedSlicesIgnoreTheBorderFill() {
        DensityVolume volume = indexed(4);
        volume.getValues()[3 * 16 + 0 * 4 + 0] = DensityVolume.BORDER_FILL; // (3, 0, 0), in slice z = 0
        BufferedImage slice = volume.slice(Axis.Z, 0);
        // Remaining range of slice z = 0 is 0 (x 0, y 0) .. 330 (x 3, y 3): its ends get viridis' ends.
        assertEquals(Colormap.VIRIDIS.rgb(0f), slice.getRGB(0, 3) & 0xFFFFFF);
        assertEquals(Colormap.VIRIDIS.rgb(1f), slice.getRGB(3, 0) & 0xFFFFFF);
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0f));
        assertEquals(0xFDE725, Colormap.VIRIDIS.rgb(1f));
        assertEquals(Colormap.VIRIDIS.rgb(0f), slice.getRGB(3, 3) & 0xFFFFFF, "the fill clamps to the low end");
    }

    @Test
    void sliceGridPutsThreeMiddleSlicesSideBySide() {
        BufferedImage grid = indexed(6).sliceGrid();
        assertEquals(18, grid.getWidth());
        assertEquals(6, grid.getHeight());
    }

    @Test
    void badShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DensityVolume(new float[26], 3, 1f));
        assertEquals("density volume: 26 values, expected 27 for resolution 3 (N³, x slowest, z fastest)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DensityVolume(new float[27], 3, 0f));
    }

    private static int grey(int value) {
        int g = Math.round(value * 255f / 444f);
        return g << 16 | g << 8 | g;
    }
}
