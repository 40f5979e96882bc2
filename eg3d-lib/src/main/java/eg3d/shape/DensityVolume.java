package eg3d.shape;

import eg3d.media.Colormap;
import eg3d.media.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Raw density σ sampled on an N³ grid over the cube [-boxSize/2, boxSize/2]³, as the official
 * {@code --shapes} export samples it. Values are flat with x slowest and z fastest
 * (index = ix·N² + iy·N + iz), and grid point i lies at -boxSize/2 + i·boxSize/(N-1) on each axis.
 */
public final class DensityVolume {
    /** The official mesh export runs marching cubes at σ = 10. */
    public static final float DEFAULT_LEVEL = 10f;
    /**
     * The official export sets a border of int(30N/256) voxels to this value (EG3D-NOTES #22). Auto-ranged
     * slices ignore it, or it would squash every real density into one colour.
     */
    public static final float BORDER_FILL = -1000f;
    /** Box side assumed when a file does not say: the official MRC leaves the voxel size 0, and box_warp is 1 for FFHQ and AFHQ. */
    public static final float DEFAULT_BOX_SIZE = 1f;

    private final float[] values;
    private final int resolution;
    private final float boxSize;

    /** values [N·N·N], x slowest; shared, not copied. */
    public DensityVolume(float[] values, int resolution, float boxSize) {
        if (resolution < 2) {
            throw new IllegalArgumentException("density volume: resolution " + resolution
                    + " is too small; marching cubes needs at least 2 grid points per axis");
        }
        long expected = (long) resolution * resolution * resolution;
        if (values.length != expected) {
            throw new IllegalArgumentException("density volume: " + values.length + " values, expected "
                    + expected + " for resolution " + resolution + " (N³, x slowest, z fastest)");
        }
        if (!(boxSize > 0f) || Float.isInfinite(boxSize)) {
            throw new IllegalArgumentException("density volume: boxSize " + boxSize
                    + " must be a positive, finite side length (the official value is box_warp)");
        }
        this.values = values;
        this.resolution = resolution;
        this.boxSize = boxSize;
    }

    public int getResolution() {
        return resolution;
    }

    public float getBoxSize() {
        return boxSize;
    }

    /** The flat array itself, not a copy. */
    public float[] getValues() {
        return values;
    }

    public float get(int ix, int iy, int iz) {
        if (ix < 0 || iy < 0 || iz < 0 || ix >= resolution || iy >= resolution || iz >= resolution) {
            throw new IndexOutOfBoundsException("density volume: index (" + ix + ", " + iy + ", " + iz
                    + ") is outside the " + resolution + "³ grid");
        }
        return values[(ix * resolution + iy) * resolution + iz];
    }

    /** The plane at {@code index} along {@code axis}, in viridis over its own finite range (border fill ignored). */
    public BufferedImage slice(Axis axis, int index) {
        float[] plane = plane(axis, index);
        float[] range = range(plane);
        return picture(plane, range[0], range[1], Colormap.VIRIDIS);
    }

    /** As {@link #slice(Axis, int)}, with [lo, hi] mapped to the ends of viridis. */
    public BufferedImage slice(Axis axis, int index, float lo, float hi) {
        return slice(axis, index, lo, hi, Colormap.VIRIDIS);
    }

    /**
     * The plane at {@code index} along {@code axis}, with values clamped to [lo, hi] and coloured by
     * {@code colormap}. The two other axes (u, v) follow in cyclic order (X: y, z; Y: z, x; Z: x, y):
     * u runs left to right and v bottom to top, so every slice is seen from the positive end of its
     * axis with a right-handed frame.
     */
    public BufferedImage slice(Axis axis, int index, float lo, float hi, Colormap colormap) {
        return picture(plane(axis, index), lo, hi, colormap);
    }

    /** The middle X, Y and Z slices side by side, sharing the volume's range so colours compare across them. */
    public BufferedImage sliceGrid() {
        float[] range = range(values);
        int middle = resolution / 2;
        return Images.hstack(List.of(
                slice(Axis.X, middle, range[0], range[1]),
                slice(Axis.Y, middle, range[0], range[1]),
                slice(Axis.Z, middle, range[0], range[1])));
    }

    /** Writes an MRC2014 float32 file laid out as the official export's. */
    public void writeMrc(Path file) {
        MrcFile.write(file, values, resolution);
    }

    /**
     * Reads a cubic float32 MRC file. The box side comes from the header's voxel size when set; the
     * official export leaves it 0, and then the box is {@link #DEFAULT_BOX_SIZE}.
     */
    public static DensityVolume readMrc(Path file) {
        MrcFile.Contents contents = MrcFile.read(file);
        float voxel = contents.header().voxelSizeX();
        int n = contents.header().nx();
        return new DensityVolume(contents.values(), n, voxel > 0f ? voxel * (n - 1) : DEFAULT_BOX_SIZE);
    }

    /** Reads a cubic float32 MRC file whose box side is known to be {@code boxSize} (the model's box_warp). */
    public static DensityVolume readMrc(Path file, float boxSize) {
        MrcFile.Contents contents = MrcFile.read(file);
        return new DensityVolume(contents.values(), contents.header().nx(), boxSize);
    }

    /** The surface σ = level, inside where σ &gt; level, in the box's world coordinates. */
    public Mesh marchingCubes(float level) {
        return MarchingCubes.extract(values, resolution, boxSize, level);
    }

    /** The surface at the official level, σ = 10. */
    public Mesh marchingCubes() {
        return marchingCubes(DEFAULT_LEVEL);
    }

    @Override
    public String toString() {
        return "DensityVolume[" + resolution + "³, box " + boxSize + "]";
    }

    /** The plane as [v][u] (row-major, u fastest), v upward in the image as its row counts down. */
    private float[] plane(Axis axis, int index) {
        int n = resolution;
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("density volume: slice index " + index + " along " + axis
                    + " is outside 0.." + (n - 1));
        }
        float[] plane = new float[n * n];
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                int ix, iy, iz;
                switch (axis) {
                    case X -> { ix = index; iy = u; iz = v; }
                    case Y -> { iy = index; iz = u; ix = v; }
                    default -> { iz = index; ix = u; iy = v; }
                }
                plane[v * n + u] = values[(ix * n + iy) * n + iz];
            }
        }
        return plane;
    }

    private BufferedImage picture(float[] plane, float lo, float hi, Colormap colormap) {
        int n = resolution;
        BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        float scale = hi > lo ? 1f / (hi - lo) : 0f;
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                image.setRGB(u, n - 1 - v, colormap.rgb((plane[v * n + u] - lo) * scale));
            }
        }
        return image;
    }

    /** [min, max] of the finite values other than the border fill; [0, 0] when there are none. */
    private static float[] range(float[] data) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float x : data) {
            if (Float.isFinite(x) && x != BORDER_FILL) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return lo <= hi ? new float[] {lo, hi} : new float[] {0f, 0f};
    }
}
