package eg3d.model;

import ai.djl.ndarray.NDArray;
import eg3d.nn.BiasAct;
import eg3d.nn.Conv2dLayer;
import eg3d.nn.FullyConnectedLayer;
import eg3d.nn.MappingNetwork;
import eg3d.nn.MinibatchStd;
import eg3d.nn.Params;
import eg3d.nn.Scope;
import eg3d.nn.Shapes;
import java.util.ArrayList;
import java.util.List;
import eg3d.nn.Owned;

/**
 * EG3D's dual discriminator: a StyleGAN2 residual discriminator that sees the final image
 * concatenated with the raw image upsampled to the same size (6 channels), so the two stay
 * consistent. It is conditioned on the camera through its own mapping network (projection
 * discriminator: logits = ⟨features, cmap⟩/√cmapDim).
 */
public final class DualDiscriminator implements AutoCloseable {
    private final DiscriminatorConfig config;
    private final Params params;
    private final List<Block> blocks = new ArrayList<>();
    private final MappingNetwork mapping;
    private final Conv2dLayer epilogueConv;
    private final FullyConnectedLayer epilogueFc, epilogueOut;
    private final int cmapDim;

    /** One resolution: fromRGB (first block only), conv0, conv1 (2× down), 1×1 skip (2× down), residual sum. */
    private record Block(Conv2dLayer fromRgb, Conv2dLayer conv0, Conv2dLayer conv1, Conv2dLayer skip) {}

    public DualDiscriminator(DiscriminatorConfig config, Params params) {
        this.config = config;
        this.params = params;
        int res0 = config.imgResolution();
        float clamp = config.convClamp();
        params.require("resample_filter", Params.Init.FILTER_1331, 4, 4);
        for (int res = res0; res > 4; res /= 2) {
            String key = "b" + res;
            int tmp = config.channels(res), out = config.channels(res / 2);
            params.require(key + ".resample_filter", Params.Init.FILTER_1331, 4, 4);
            Conv2dLayer fromRgb = res == res0
                    ? new Conv2dLayer(params, key + ".fromrgb", 6, tmp, 1, true, BiasAct.Act.LRELU, 1, 1, clamp) : null;
            blocks.add(new Block(fromRgb,
                    new Conv2dLayer(params, key + ".conv0", tmp, tmp, 3, true, BiasAct.Act.LRELU, 1, 1, clamp),
                    new Conv2dLayer(params, key + ".conv1", tmp, out, 3, true, BiasAct.Act.LRELU, 1, 2, clamp),
                    new Conv2dLayer(params, key + ".skip", tmp, out, 1, false, BiasAct.Act.LINEAR, 1, 2, -1)));
        }
        cmapDim = config.channels(4);
        mapping = new MappingNetwork(params, "mapping", 0, config.cDim(), cmapDim, 0, config.mappingLayers(), 0.01f, false);
        int c4 = config.channels(4);
        epilogueConv = new Conv2dLayer(params, "b4.conv", c4 + 1, c4, 3, true, BiasAct.Act.LRELU, 1, 1, clamp);
        epilogueFc = new FullyConnectedLayer(params, "b4.fc", c4 * 16, c4, BiasAct.Act.LRELU, 1f, 0f);
        epilogueOut = new FullyConnectedLayer(params, "b4.out", c4, cmapDim, BiasAct.Act.LINEAR, 1f, 0f);
        params.verify();
    }

    public DiscriminatorConfig getConfig() {
        return config;
    }

    public Params getParams() {
        return params;
    }

    /** The 6-channel input: image [N,3,R,R] and image_raw [N,3,r,r] upsampled (antialiased bilinear) to R. */
    public static NDArray dualInput(NDArray image, NDArray imageRaw) {
        int size = (int) image.getShape().get(3);
        NDArray raw = imageRaw.getShape().get(3) == size ? imageRaw : SuperResolution.resize(imageRaw, size);
        return image.concat(raw, 1);
    }

    /** image, image_raw, c [N,25] → logits [N,1]. */
    public NDArray forward(NDArray image, NDArray imageRaw, NDArray c) {
        try (Scope scope = Scope.open(image.getManager(), params.all(), new NDArray[] {image, imageRaw, c})) {
            return scope.ret(forwardInput(dualInput(image, imageRaw), c));
        }
    }

    /** The discriminator on a prepared 6-channel input [N,6,R,R]. */
    public NDArray forwardInput(NDArray input, NDArray c) {
        Shapes.check("discriminator input", input, Shapes.ANY, 6, config.imgResolution(), config.imgResolution());
        float sqrtHalf = (float) Math.sqrt(0.5);
        NDArray x = null;
        for (Block b : blocks) {
            if (b.fromRgb() != null) {
                x = b.fromRgb().forward(input, 1f);
            }
            NDArray y = b.skip().forward(x, sqrtHalf);
            x = b.conv0().forward(x, 1f);
            x = b.conv1().forward(x, sqrtHalf);
            x = y.add(x);
        }
        NDArray cmap = mapping.forward(null, c, 1f, null);
        int group = config.mbstdGroupSize();
        x = MinibatchStd.forward(x, group, 1);
        x = epilogueConv.forward(x, 1f);
        x = epilogueFc.forward(x.reshape(x.getShape().get(0), -1));
        x = epilogueOut.forward(x);
        return x.mul(cmap).sum(new int[] {1}, true).mul((float) (1 / Math.sqrt(cmapDim)));
    }

    @Override
    public void close() {
        params.close();
    }
}
