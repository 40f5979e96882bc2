package eg3d.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eg3d.TestFixtures;
import eg3d.nn.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PresetsTest {
    private static List<String> keysOf(Params p) {
        List<String> out = new ArrayList<>();
        p.asMap().forEach((k, v) -> out.add(k + " " + Arrays.toString(v.getShape().getShape())));
        return out;
    }

    private static List<String> keysOf(JsonNode stateDict) {
        List<String> out = new ArrayList<>();
        stateDict.fields().forEachRemaining(e -> {
            long[] shape = new long[e.getValue().size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().get(i).asLong();
            }
            out.add(e.getKey() + " " + Arrays.toString(shape));
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffhq512-64", "ffhq512-128", "ffhqrebalanced512-128", "afhqcats512-128", "shapenetcars128-64"})
    void officialPresetsHaveTheOfficialStateDict(String name) throws Exception {
        JsonNode derived = new ObjectMapper().readTree(TestFixtures.require("official/configs/" + name + ".derived.json").toFile());
        Presets.Preset preset = Presets.get(name);
        assertEquals(derived.get("neural_rendering_resolution_of_released_G_ema").asInt(), preset.generator().neuralRenderingResolution());
        try (NDManager m = NDManager.newBaseManager()) {
            TriPlaneGenerator g = new TriPlaneGenerator(preset.generator(), Params.zeros(m.newSubManager()));
            assertSameList(keysOf(derived.get("G_state_dict")), keysOf(g.getParams()), "G");
            assertEquals(derived.get("num_ws").asInt(), g.getNumWs());
            DualDiscriminator d = new DualDiscriminator(preset.discriminator(), Params.zeros(m.newSubManager()));
            assertSameList(keysOf(derived.get("D_state_dict")), keysOf(d.getParams()), "D");
            assertEquals(derived.get("G_params").asLong(), count(g.getParams()));
        }
    }

    /** Equal lists, or a failure that shows the first difference rather than two long lists. */
    private static void assertSameList(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + " state_dict entry " + i);
        }
        assertEquals(expected.size(), actual.size(), what + " state_dict size");
    }

    /** Trainable parameters only, as the official count (buffers excluded). */
    private static long count(Params p) {
        long n = 0;
        for (Map.Entry<String, ai.djl.ndarray.NDArray> e : p.asMap().entrySet()) {
            String k = e.getKey();
            if (!k.endsWith("resample_filter") && !k.endsWith("noise_const") && !k.endsWith("w_avg") && !k.equals("dataset_label_std")) {
                n += e.getValue().size();
            }
        }
        return n;
    }

    @Test
    void officialConfigsParseToThePresets() throws Exception {
        JsonNode cfg = new ObjectMapper().readTree(TestFixtures.require("official/configs/ffhq512-128.derived.json").toFile());
        GeneratorConfig parsed = GeneratorConfig.fromOfficialKwargs(cfg.get("G_construct_kwargs").deepCopy()
                .<com.fasterxml.jackson.databind.node.ObjectNode>require().put("c_dim", 25).put("img_resolution", 512), 128, "test");
        GeneratorConfig preset = Presets.get("ffhq512-128").generator();
        assertEquals(preset.rendering(), parsed.rendering());
        assertEquals(preset.srBlocks(), parsed.srBlocks());
        assertEquals(preset.numWs(), parsed.numWs());
    }

    @Test
    void nanoIsSmallAndRoundTripsThroughItsKwargs() {
        GeneratorConfig nano = Presets.get("nano").generator();
        GeneratorConfig back = GeneratorConfig.fromOfficialKwargs(nano.toOfficialKwargs(), nano.neuralRenderingResolution(), "test");
        assertEquals(nano.srBlocks(), back.srBlocks());
        assertEquals(nano.rendering(), back.rendering());
        assertEquals(nano.triplaneResolution(), back.triplaneResolution());
        try (NDManager m = NDManager.newBaseManager()) {
            TriPlaneGenerator g = new TriPlaneGenerator(nano, Params.zeros(m.newSubManager()));
            assertTrue(count(g.getParams()) < 2_000_000, "nano must stay CPU-sized");
        }
    }

    @Test
    void unknownPresetListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("ffhq"));
        assertTrue(e.getMessage().contains("ffhq512-128") && e.getMessage().contains("nano"), e.getMessage());
    }
}
