package eg3d.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The StyleGAN2 synthesis network, "skip" architecture, from a learned 4×4 const to
 * {@code imgResolution}. In EG3D its output image holds the three feature planes (96 = 3×32
 * channels at 256²).
 */
public final class SynthesisNetwork {
    private final List<SynthesisBlock> blocks = new ArrayList<>();
    private final int wDim, imgResolution, imgChannels, numWs;
    private final Map<Integer, Integer> channels = new LinkedHashMap<>();

    public SynthesisNetwork(Params params, String key, // official prefix, "backbone.synthesis"
            int wDim,                                // width of one w vector
            int imgResolution,                       // output resolution (256 for tri-planes)
            int imgChannels,                         // output channels (96 for tri-planes)
            int channelBase,                         // channels at resolution r are min(channelBase/r, channelMax)
            int channelMax,
            float convClamp) {                       // < 0 disables
        this.wDim = wDim;
        this.imgResolution = imgResolution;
        this.imgChannels = imgChannels;
        int ws = 0;
        for (int res = 4; res <= imgResolution; res *= 2) {
            channels.put(res, Math.min(channelBase / res, channelMax));
        }
        for (int res = 4; res <= imgResolution; res *= 2) {
            int in = res > 4 ? channels.get(res / 2) : 0;
            SynthesisBlock block = new SynthesisBlock(params, key + ".b" + res, in, channels.get(res), wDim, res,
                    imgChannels, false, convClamp);
            blocks.add(block);
            ws += block.numConv();
        }
        numWs = ws + 1;                                  // + the last block's ToRGB
    }

    /** ws [N,numWs,wDim] → img [N,imgChannels,imgResolution,imgResolution]. */
    public NDArray forward(NDArray ws, NoiseMode noiseMode, boolean fused) {
        return forward(ws, noiseMode, fused, NoiseSource.ENGINE);
    }

    /**
     * As {@link #forward(NDArray, NoiseMode, boolean)}; {@code fused} false takes the training path
     * (activations scaled around one shared conv), and random noise comes from {@code noise}.
     */
    public NDArray forward(NDArray ws, NoiseMode noiseMode, boolean fused, NoiseSource noise) {
        Shapes.check("synthesis ws", ws, Shapes.ANY, numWs, wDim);
        NDArray x = null, img = null;
        int wi = 0;
        for (SynthesisBlock block : blocks) {
            NDArray blockWs = ws.get(":, {}:{}", wi, wi + block.numConv() + 1);
            NDArray[] out = block.forward(x, img, blockWs, noiseMode, fused, noise);
            x = out[0];
            img = out[1];
            wi += block.numConv();
        }
        return img;
    }

    public int getNumWs() {
        return numWs;
    }

    /** Channels per resolution, as the official channel table. */
    public Map<Integer, Integer> getChannels() {
        return java.util.Collections.unmodifiableMap(channels);
    }

    public int getImgChannels() {
        return imgChannels;
    }

    public int getImgResolution() {
        return imgResolution;
    }
}
