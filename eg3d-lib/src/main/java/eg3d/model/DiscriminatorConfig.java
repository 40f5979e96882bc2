package eg3d.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dual discriminator's architecture, the typed form of the official {@code D_kwargs}.
 *
 * @param cDim            conditioning width (25: the camera)
 * @param imgResolution   resolution of the image it judges
 * @param channelBase     channels at resolution r are min(channelBase/r, channelMax)
 * @param channelMax
 * @param convClamp       activation clamp (256 in the official configs); negative disables
 * @param mbstdGroupSize  minibatch-std group (4), capped by the batch size
 * @param mappingLayers   depth of D's camera mapping (8)
 * @param discCNoise      std of noise added to c, relative to c's std over the batch (0)
 */
public record DiscriminatorConfig(int cDim, int imgResolution, int channelBase, int channelMax, float convClamp,
        int mbstdGroupSize, int mappingLayers, double discCNoise) {

    /** From the official D kwargs (a fixture's {@code D_kwargs}, or a pickle's init kwargs). */
    public static DiscriminatorConfig fromOfficialKwargs(JsonNode d, int imgResolution) {
        JsonNode clamp = d.path("conv_clamp");
        return new DiscriminatorConfig(d.path("c_dim").asInt(25), d.path("img_resolution").asInt(imgResolution),
                d.path("channel_base").asInt(32768), d.path("channel_max").asInt(512),
                clamp.isNumber() ? (float) clamp.asDouble() : -1f,
                d.path("epilogue_kwargs").path("mbstd_group_size").asInt(4),
                d.path("mapping_kwargs").path("num_layers").asInt(8),
                d.path("disc_c_noise").asDouble(0));
    }

    public int channels(int res) {
        return Math.min(channelBase / res, channelMax);
    }
}
