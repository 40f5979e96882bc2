package eg3d.data;

/**
 * A camera whose intrinsics are in pixels of a particular image, so crops and resizes are simple
 * arithmetic; {@link #label(int)} normalises them into EG3D's 25 floats at the end.
 *
 * @param cam2world 16 floats, OpenCV convention, row-major
 * @param fx focal length along x, in pixels
 * @param fy focal length along y, in pixels
 * @param cx principal point x, in pixels from the left edge (pixel centres at i + ½)
 * @param cy principal point y, in pixels from the top edge
 * @param skew the (0,1) entry of the pixel intrinsics
 */
public record PixelCamera(float[] cam2world, double fx, double fy, double cx, double cy, double skew) {

    /** A normalised EG3D label read back to pixels of a {@code width}×{@code height} image. */
    public static PixelCamera fromLabel(float[] c, int width, int height) {
        float[] cam2world = new float[16];
        System.arraycopy(c, 0, cam2world, 0, 16);
        return new PixelCamera(cam2world, c[16] * width, c[20] * height, c[18] * width, c[21] * height, c[17] * width);
    }

    /** The camera of the image cropped to start at pixel (x0, y0). */
    public PixelCamera crop(double x0, double y0) {
        return new PixelCamera(cam2world, fx, fy, cx - x0, cy - y0, skew);
    }

    /** The camera of the image scaled by (sx, sy), then shifted by (ox, oy) pixels (e.g. pasted into a canvas). */
    public PixelCamera scale(double sx, double sy, double ox, double oy) {
        return new PixelCamera(cam2world, fx * sx, fy * sy, cx * sx + ox, cy * sy + oy, skew * sx);
    }

    /** EG3D's label for a square image of {@code size} pixels: cam2world, then intrinsics divided by the size. */
    public float[] label(int size) {
        float[] c = new float[25];
        System.arraycopy(cam2world, 0, c, 0, 16);
        c[16] = (float) (fx / size);
        c[17] = (float) (skew / size);
        c[18] = (float) (cx / size);
        c[20] = (float) (fy / size);
        c[21] = (float) (cy / size);
        c[24] = 1;
        return c;
    }
}
