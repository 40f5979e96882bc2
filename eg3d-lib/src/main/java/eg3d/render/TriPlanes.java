package eg3d.render;

import ai.djl.ndarray.NDArray;
import eg3d.nn.Shapes;

/**
 * The backbone's output seen as three axis-aligned feature planes, [N,3,C,H,W].
 *
 * <p>Render new cameras from the same planes without re-running the backbone: that is what makes
 * turntables and multi-view work cheap.
 */
public final class TriPlanes implements AutoCloseable {
    private final NDArray planes;
    private final long batch, channels, height, width;

    /** planes [N,3,C,H,W]. */
    public TriPlanes(NDArray planes) {
        Shapes.check("tri-planes", planes, Shapes.ANY, 3, Shapes.ANY, Shapes.ANY, Shapes.ANY);
        this.planes = planes;
        this.batch = planes.getShape().get(0);
        this.channels = planes.getShape().get(2);
        this.height = planes.getShape().get(3);
        this.width = planes.getShape().get(4);
    }

    /** From the backbone image [N,3·C,H,W]. */
    public static TriPlanes fromBackbone(NDArray img, int channelsPerPlane) {
        long n = img.getShape().get(0), h = img.getShape().get(2), w = img.getShape().get(3);
        return new TriPlanes(img.reshape(n, 3, channelsPerPlane, h, w));
    }

    public NDArray getPlanes() {
        return planes;
    }

    /** The arrays a scope must borrow to render from these planes. */
    public NDArray[] arrays() {
        return new NDArray[] {planes};
    }

    public long getBatch() {
        return batch;
    }

    public long getChannels() {
        return channels;
    }

    public long getHeight() {
        return height;
    }

    public long getWidth() {
        return width;
    }

    @Override
    public void close() {
        planes.close();
    }
}
