package eg3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import eg3d.media.Images;
import eg3d.model.Generated;
import java.awt.image.BufferedImage;

/**
 * One generated result: the final image, the raw (neural-rendering) image and the depth map, as
 * pictures and as arrays. Holds native memory until closed.
 */
public final class Sample implements AutoCloseable {
    private final NDManager manager;
    private final Generated generated;
    private final GenerationSpec spec;

    Sample(NDManager manager, Generated generated, GenerationSpec spec) {
        this.manager = manager;
        this.generated = generated;
        this.spec = spec;
    }

    public GenerationSpec getSpec() {
        return spec;
    }

    /** The super-resolved image, as the official scripts save it (x·127.5 + 128, clamped). */
    public BufferedImage getImage() {
        return picture(generated.getImage());
    }

    /** The volume-rendered RGB at the neural rendering resolution. */
    public BufferedImage getImageRaw() {
        return picture(generated.getImageRaw());
    }

    /** The depth map, nearer brighter. */
    public BufferedImage getDepth() {
        NDArray d = generated.getImageDepth();
        int h = (int) d.getShape().get(2), w = (int) d.getShape().get(3);
        return Images.depthToImage(d.get(0).toFloatArray(), h, w);
    }

    /** The arrays: image [1,3,R,R] in [−1,1], imageRaw, imageDepth [1,1,r,r], featureImage. */
    public Generated getArrays() {
        return generated;
    }

    private static BufferedImage picture(NDArray img) {
        int c = (int) img.getShape().get(1), h = (int) img.getShape().get(2), w = (int) img.getShape().get(3);
        return Images.fromChw(img.get(0).toFloatArray(), c, h, w, -1f, 1f);
    }

    @Override
    public void close() {
        generated.close();
        manager.close();
    }

    @Override
    public String toString() {
        return "Sample(seed=" + spec.seed() + ", ψ=" + spec.truncationPsi() + ", yaw=" + spec.yaw() + ", pitch=" + spec.pitch() + ")";
    }
}
