package eg3d.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.nn.NoiseMode;
import eg3d.render.PlaneProjection;
import eg3d.render.RenderingOptions;
import java.util.List;

/**
 * Everything that fixes a generator's architecture: the typed form of the official
 * {@code TriPlaneGenerator} init kwargs, plus the sizes the official code hard-codes (tri-plane
 * resolution 256 and 32 channels per plane, decoder width 64), made explicit so small presets can
 * shrink them.
 *
 * @param zDim                       latent width
 * @param wDim                       intermediate latent width
 * @param cDim                       conditioning width (25: the camera)
 * @param imgResolution              final image resolution
 * @param mappingLayers              depth of the mapping MLP
 * @param channelBase                backbone channels at resolution r are min(channelBase/r, channelMax)
 * @param channelMax
 * @param convClamp                  backbone activation clamp; negative disables (the official null)
 * @param srConvClamp                super-resolution clamp: 256 when sr_num_fp16_res > 0, else negative
 * @param triplaneResolution         side of each feature plane (256 in every official config)
 * @param triplaneChannels           channels per plane (32)
 * @param decoderHidden              OSG decoder width (64)
 * @param decoderOutputDim           feature channels the decoder emits besides σ (32)
 * @param superResolution            the head's official module, or null for a custom block list
 * @param srInputResolution          resolution the head resizes its inputs to
 * @param srBlocks                   the head's blocks
 * @param neuralRenderingResolution  default rendering resolution (what a saved G_ema carries)
 * @param cScale                     scale of c before mapping (0 when the official key is absent)
 * @param cGenConditioningZero       map from c = 0 (ShapeNet)
 * @param rendering                  renderer settings
 * @param avgCameraRadius            the dataset's mean camera distance (default for generation)
 * @param avgCameraPivot             the point the dataset's cameras look at
 */
public record GeneratorConfig(
        int zDim, int wDim, int cDim, int imgResolution, int mappingLayers,
        int channelBase, int channelMax, float convClamp, float srConvClamp,
        int triplaneResolution, int triplaneChannels, int decoderHidden, int decoderOutputDim,
        SuperResolution.@org.jspecify.annotations.Nullable Kind superResolution, int srInputResolution,
        List<SuperResolution.BlockSpec> srBlocks,
        int neuralRenderingResolution, double cScale, boolean cGenConditioningZero,
        RenderingOptions rendering, double avgCameraRadius, double[] avgCameraPivot) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public GeneratorConfig {
        srBlocks = List.copyOf(srBlocks);
        avgCameraPivot = avgCameraPivot.clone();
        if (avgCameraPivot.length != 3) {
            throw new IllegalArgumentException("avg_camera_pivot: expected 3 numbers, got " + avgCameraPivot.length);
        }
        if (srBlocks.isEmpty() || srBlocks.get(srBlocks.size() - 1).resolution() != imgResolution) {
            throw new IllegalArgumentException("superresolution: the last block must reach img_resolution " + imgResolution);
        }
        if (neuralRenderingResolution < 1) {
            throw new IllegalArgumentException("neural_rendering_resolution: must be positive, got " + neuralRenderingResolution);
        }
    }

    /**
     * From the official init kwargs, e.g. {@code G_init_kwargs} of a fixture's config.json or the
     * kwargs recorded in a network pickle. Fields the official code fixes keep their official values.
     */
    public static GeneratorConfig fromOfficialKwargs(JsonNode g, int neuralRenderingResolution, String source) {
        JsonNode r = need(g, "rendering_kwargs", source);
        int img = need(g, "img_resolution", source).asInt();
        String module = need(r, "superresolution_module", source).asText();
        SuperResolution.Kind kind = module.equals(CUSTOM_SR) ? null : SuperResolution.Kind.fromModule(module);
        List<SuperResolution.BlockSpec> blocks = kind != null ? kind.blocks() : srBlocks(need(g, "sr_blocks", source), source);
        int srInput = kind != null ? kind.inputResolution() : need(g, "sr_input_resolution", source).asInt();
        if (r.path("ray_start").isTextual() || r.path("ray_end").isTextual()) {
            throw new IllegalArgumentException(source + ": rendering_kwargs ray_start/ray_end 'auto' is not supported; "
                    + "give numeric bounds");
        }
        if (r.path("disparity_space_sampling").asBoolean(false)) {
            throw new IllegalArgumentException(source + ": rendering_kwargs disparity_space_sampling=true is not supported");
        }
        String clamp = r.path("clamp_mode").asText("softplus");
        if (!clamp.equals("softplus")) {
            throw new IllegalArgumentException(source + ": rendering_kwargs clamp_mode '" + clamp + "' is not supported (only softplus)");
        }
        RenderingOptions options = new RenderingOptions(
                need(r, "depth_resolution", source).asInt(),
                need(r, "depth_resolution_importance", source).asInt(),
                need(r, "ray_start", source).asDouble(),
                need(r, "ray_end", source).asDouble(),
                need(r, "box_warp", source).asDouble(),
                r.path("white_back").asBoolean(false),
                r.path("decoder_lr_mul").asDouble(1),
                r.path("triplane_projection").asText("official").equalsIgnoreCase("corrected")
                        ? PlaneProjection.CORRECTED : PlaneProjection.OFFICIAL,
                r.path("density_noise").asDouble(0),
                NoiseMode.parse(r.path("superresolution_noise_mode").asText("none")));
        int srFp16 = g.path("sr_num_fp16_res").asInt(0);
        JsonNode convClamp = g.path("conv_clamp");
        return new GeneratorConfig(
                need(g, "z_dim", source).asInt(), need(g, "w_dim", source).asInt(), g.path("c_dim").asInt(25), img,
                g.path("mapping_kwargs").path("num_layers").asInt(8),
                g.path("channel_base").asInt(32768), g.path("channel_max").asInt(512),
                convClamp.isNumber() ? (float) convClamp.asDouble() : -1f,
                srFp16 > 0 ? 256f : -1f,
                g.path("triplane_resolution").asInt(256), g.path("triplane_channels").asInt(32),
                g.path("decoder_hidden").asInt(64), g.path("decoder_output_dim").asInt(32),
                kind, srInput, blocks,
                neuralRenderingResolution,
                r.has("c_scale") ? r.get("c_scale").asDouble() : 0.0,
                r.path("c_gen_conditioning_zero").asBoolean(false),
                options,
                r.path("avg_camera_radius").asDouble(2.7),
                pivot(r.path("avg_camera_pivot")));
    }

    /** The superresolution_module name of a head given as an explicit block list (small presets). */
    public static final String CUSTOM_SR = "custom";

    private static List<SuperResolution.BlockSpec> srBlocks(JsonNode list, String source) {
        java.util.ArrayList<SuperResolution.BlockSpec> out = new java.util.ArrayList<>();
        for (JsonNode b : list) {
            out.add(new SuperResolution.BlockSpec(need(b, "out_channels", source).asInt(), need(b, "resolution", source).asInt(),
                    b.path("no_up").asBoolean(false)));
        }
        return out;
    }

    private static double[] pivot(JsonNode p) {
        return p.isArray() && p.size() == 3
                ? new double[] {p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble()}
                : new double[] {0, 0, 0};
    }

    private static JsonNode need(JsonNode node, String field, String source) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(source + ": missing field '" + field + "' in the generator config");
        }
        return v;
    }

    /** Number of w vectors: one per backbone conv plus the last ToRGB. */
    public int numWs() {
        int blocks = Integer.numberOfTrailingZeros(triplaneResolution) - 1;   // 4, 8, …, triplaneResolution
        return 1 + 2 * (blocks - 1) + 1;
    }

    /** The same config rendering at another resolution by default. */
    public GeneratorConfig withNeuralRenderingResolution(int resolution) {
        return new GeneratorConfig(zDim, wDim, cDim, imgResolution, mappingLayers, channelBase, channelMax, convClamp,
                srConvClamp, triplaneResolution, triplaneChannels, decoderHidden, decoderOutputDim, superResolution,
                srInputResolution, srBlocks, resolution, cScale, cGenConditioningZero, rendering, avgCameraRadius,
                avgCameraPivot);
    }

    /** The official kwargs form (for checkpoints' metadata and for Python users). */
    public ObjectNode toOfficialKwargs() {
        ObjectNode g = JSON.createObjectNode();
        g.put("z_dim", zDim).put("w_dim", wDim).put("c_dim", cDim).put("img_resolution", imgResolution).put("img_channels", 3);
        g.putObject("mapping_kwargs").put("num_layers", mappingLayers);
        g.put("channel_base", channelBase).put("channel_max", channelMax);
        if (convClamp >= 0) {
            g.put("conv_clamp", convClamp);
        } else {
            g.putNull("conv_clamp");
        }
        g.put("sr_num_fp16_res", srConvClamp >= 0 ? 4 : 0);
        g.put("triplane_resolution", triplaneResolution).put("triplane_channels", triplaneChannels);
        g.put("decoder_hidden", decoderHidden).put("decoder_output_dim", decoderOutputDim);
        if (superResolution == null) {
            g.put("sr_input_resolution", srInputResolution);
            var list = g.putArray("sr_blocks");
            for (SuperResolution.BlockSpec b : srBlocks) {
                list.addObject().put("out_channels", b.outChannels()).put("resolution", b.resolution()).put("no_up", b.noUp());
            }
        }
        ObjectNode r = g.putObject("rendering_kwargs");
        r.put("image_resolution", imgResolution);
        r.put("superresolution_module", superResolution == null ? CUSTOM_SR : superResolution.module());
        r.put("c_gen_conditioning_zero", cGenConditioningZero).put("c_scale", cScale);
        r.put("superresolution_noise_mode", rendering.superresolutionNoiseMode().official());
        r.put("decoder_lr_mul", rendering.decoderLrMul());
        r.put("depth_resolution", rendering.depthResolution()).put("depth_resolution_importance", rendering.depthResolutionImportance());
        r.put("ray_start", rendering.rayStart()).put("ray_end", rendering.rayEnd()).put("box_warp", rendering.boxWarp());
        r.put("white_back", rendering.whiteBack()).put("clamp_mode", "softplus").put("disparity_space_sampling", false);
        r.put("triplane_projection", rendering.projection().name().toLowerCase());
        r.put("density_noise", rendering.densityNoise());
        r.put("avg_camera_radius", avgCameraRadius);
        r.putArray("avg_camera_pivot").add(avgCameraPivot[0]).add(avgCameraPivot[1]).add(avgCameraPivot[2]);
        return g;
    }
}
