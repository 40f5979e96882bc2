package eg3d.model;

import ai.djl.ndarray.NDArray;

/**
 * The loss's image resize: antialiased bilinear (align_corners=False). The trainer uses it to
 * make the real raw-image target at the neural rendering resolution; the discriminator uses it to
 * bring the raw image up to the final size.
 */
public final class FilteredResizing {
    private FilteredResizing() {}

    /** x [N,C,H,W] → [N,C,size,size]. */
    public static NDArray antialiased(NDArray x, int size) {
        return SuperResolution.resize(x, size);
    }
}
