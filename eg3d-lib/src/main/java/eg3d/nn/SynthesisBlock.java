package eg3d.nn;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/**
 * One resolution of the synthesis network, "skip" architecture: [const or conv0 (2× up)] → conv1
 * → ToRGB, whose output is added to the 2×-upsampled image of the block below.
 *
 * <p>The {@code noUp} variant (used by super-resolution) keeps the input resolution: conv0 does not
 * upsample and the incoming image is not resampled.
 */
public final class SynthesisBlock {
    private final String key;
    private final int inChannels, outChannels, resolution;
    private final boolean noUp;
    private final @Nullable NDArray constInput;           // [O,r,r], only for the first block
    private final NDArray resampleFilter;
    private final @Nullable SynthesisLayer conv0;
    private final SynthesisLayer conv1;
    private final ToRgbLayer torgb;

    public SynthesisBlock(Params params, String key, // official prefix, e.g. "backbone.synthesis.b8"
            int inChannels,                        // 0 for the first block, which starts from a learned const
            int outChannels,                       // feature channels of this block
            int wDim,                              // width of one w vector
            int resolution,                        // output resolution
            int imgChannels,                       // 96 for tri-planes, 3 for super-resolution
            boolean noUp,                          // keep the input resolution (super-resolution's first block)
            float convClamp) {                     // < 0 disables
        this.key = key;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.resolution = resolution;
        this.noUp = noUp;
        constInput = inChannels == 0 ? params.require(key + ".const", Params.Init.RANDN, outChannels, resolution, resolution) : null;
        resampleFilter = params.require(key + ".resample_filter", Params.Init.FILTER_1331, 4, 4);
        conv0 = inChannels == 0 ? null
                : new SynthesisLayer(params, key + ".conv0", inChannels, outChannels, wDim, resolution, noUp ? 1 : 2, true, convClamp);
        conv1 = new SynthesisLayer(params, key + ".conv1", outChannels, outChannels, wDim, resolution, 1, true, convClamp);
        torgb = new ToRgbLayer(params, key + ".torgb", outChannels, imgChannels, wDim, convClamp);
    }

    /** ws this block consumes: one per conv, plus the ToRGB's (shared with the next block's first conv). */
    public int numConv() {
        return conv0 == null ? 1 : 2;
    }

    /** x [N,I,r/2,r/2] or null, img [N,C,r/2,r/2] or null, ws [N,numConv+1,wDim] → {x, img}. */
    public NDArray[] forward(@Nullable NDArray x, @Nullable NDArray img, NDArray ws, NoiseMode noiseMode, boolean fused) {
        return forward(x, img, ws, noiseMode, fused, NoiseSource.ENGINE);
    }

    /** As {@link #forward(NDArray, NDArray, NDArray, NoiseMode, boolean)}, with random noise from {@code noise}. */
    public NDArray[] forward(@Nullable NDArray x, @Nullable NDArray img, NDArray ws, NoiseMode noiseMode, boolean fused,
            NoiseSource noise) {
        long n = ws.getShape().get(0);
        int wi = 0;
        if (constInput != null) {
            x = constInput.expandDims(0).repeat(0, n);                                       // [N,O,4,4]
        } else {
            long inRes = noUp ? resolution : resolution / 2;
            Shapes.check(key + " x", x, n, inChannels, inRes, inRes);
            x = conv0.forward(x, ws.get(":, {}", wi++), noiseMode, fused, noise);
        }
        x = conv1.forward(x, ws.get(":, {}", wi++), noiseMode, fused, noise);
        if (img != null && !noUp) {
            img = Upfirdn2d.upsample2d(img, resampleFilter);
        }
        NDArray y = torgb.forward(x, ws.get(":, {}", wi), fused);
        img = img == null ? y : img.add(y);
        return new NDArray[] {x, img};
    }

    public int getOutChannels() {
        return outChannels;
    }

    public int getResolution() {
        return resolution;
    }
}
