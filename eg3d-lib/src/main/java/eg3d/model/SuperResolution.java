package eg3d.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import eg3d.nn.NoiseMode;
import eg3d.nn.Params;
import eg3d.nn.SynthesisBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The super-resolution head: StyleGAN2 synthesis blocks that take the 32-channel feature image
 * and the raw RGB at the neural rendering resolution up to the final image.
 *
 * <p>Inputs first resize (antialiased bilinear; when upsampling that equals plain bilinear) to
 * the head's input resolution. Every block is conditioned on the last w only, repeated.
 */
public final class SuperResolution {
    /** One block: output channels, output resolution, and whether it keeps its input resolution. */
    public record BlockSpec(int outChannels, int resolution, boolean noUp) {}

    /** The official heads, by their module names, plus any custom list for small presets. */
    public enum Kind {
        HYBRID_2X("training.superresolution.SuperresolutionHybrid2X"),
        HYBRID_4X("training.superresolution.SuperresolutionHybrid4X"),
        HYBRID_8X_DC("training.superresolution.SuperresolutionHybrid8XDC");

        private final String module;

        Kind(String module) {
            this.module = module;
        }

        public String module() {
            return module;
        }

        public static Kind fromModule(String module) {
            for (Kind k : values()) {
                if (k.module.equals(module) || k.module.endsWith("." + module) || k.name().equalsIgnoreCase(module)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("superresolution_module '" + module + "': expected one of "
                    + "SuperresolutionHybrid2X, SuperresolutionHybrid4X, SuperresolutionHybrid8XDC");
        }

        /** The official input resolution and blocks of this head. */
        public int inputResolution() {
            return this == HYBRID_2X ? 64 : 128;
        }

        public List<BlockSpec> blocks() {
            switch (this) {
                case HYBRID_2X: return List.of(new BlockSpec(128, 64, true), new BlockSpec(64, 128, false));
                case HYBRID_4X: return List.of(new BlockSpec(128, 128, true), new BlockSpec(64, 256, false));
                default: return List.of(new BlockSpec(256, 256, false), new BlockSpec(128, 512, false));
            }
        }
    }

    private final int inputResolution;
    private final List<SynthesisBlock> blocks = new ArrayList<>();
    private final boolean firstKeepsResolution;

    public SuperResolution(Params params, String key, // official prefix, "superresolution"
            int channels,                           // feature channels from the renderer (32)
            int wDim,
            int inputResolution,                    // resolution the inputs are resized to
            List<BlockSpec> specs,
            float convClamp) {                      // 256 when sr_num_fp16_res > 0, else disabled (< 0)
        this.inputResolution = inputResolution;
        if (specs.get(0).noUp()) {
            // The 2X/4X heads register a filter buffer they never use; the 8X DC head does not.
            params.require(key + ".resample_filter", Params.Init.FILTER_1331, 4, 4);
        }
        int in = channels;
        for (int i = 0; i < specs.size(); i++) {
            BlockSpec s = specs.get(i);
            blocks.add(new SynthesisBlock(params, key + ".block" + i, in, s.outChannels(), wDim, s.resolution(), 3,
                    s.noUp(), convClamp));
            in = s.outChannels();
        }
        firstKeepsResolution = specs.get(0).noUp();
    }

    /** The head's output and the raw image as the reference returns it (see {@link #forward}). */
    public record Output(NDArray image, NDArray imageRaw) {}

    /**
     * rgb [N,3,r,r], x [N,C,r,r], ws [N,numWs,wDim] → image. When no resize happens and the first
     * block keeps its resolution, the reference adds that block's RGB into {@code image_raw} in
     * place (its input is a view of the feature image). That changes the returned raw image, so we
     * return it the same way for checkpoint fidelity.
     */
    public Output forward(NDArray rgb, NDArray x, NDArray ws, NoiseMode noiseMode, boolean fused) {
        return forward(rgb, x, ws, noiseMode, fused, eg3d.render.Trace.NONE);
    }

    /** As {@link #forward(NDArray, NDArray, NDArray, NoiseMode, boolean)}, recording sr_* intermediates. */
    public Output forward(NDArray rgb, NDArray x, NDArray ws, NoiseMode noiseMode, boolean fused, eg3d.render.Trace trace) {
        NDArray raw = rgb;
        NDArray srWs = ws.get(":, -1:").repeat(1, 3);                                        // the last w, 3 times
        boolean resized = x.getShape().get(3) != inputResolution;
        if (resized) {
            x = resize(x, inputResolution);
            rgb = resize(rgb, inputResolution);
        }
        NDArray imageRaw = null;
        NDArray img = rgb;
        trace.record("sr_ws", () -> srWs);
        for (int i = 0; i < blocks.size(); i++) {
            String prefix = "sr_block" + i;
            NDArray xIn = x, imgIn = img;
            trace.record(prefix + "_in_x", () -> xIn);
            trace.record(prefix + "_in_img", () -> imgIn);
            NDArray[] out = blocks.get(i).forward(x, img, srWs, noiseMode, fused);
            x = out[0];
            img = out[1];
            trace.record(prefix + "_out_x", () -> out[0]);
            trace.record(prefix + "_out_img", () -> out[1]);
            if (i == 0 && !resized && firstKeepsResolution) {
                imageRaw = img;
            }
        }
        return new Output(img, imageRaw == null ? raw : imageRaw);
    }

    /** Antialiased bilinear resize (DJL's interpolate always antialiases), align_corners=False. */
    static NDArray resize(NDArray x, int size) {
        return JniUtils.interpolate((PtNDArray) x, new long[] {size, size}, 2, false);
    }

    public int getInputResolution() {
        return inputResolution;
    }
}
