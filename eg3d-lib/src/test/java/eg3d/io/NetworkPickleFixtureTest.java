package eg3d.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkPickleFixtureTest {
    private static final String DIR = "official/tiny/";
    private static ImportedSnapshot snapshot;
    private static Path pickle;

    @BeforeAll
    static void readFixture() {
        pickle = Fixtures.requireOrSkip(DIR + "network-snapshot.pkl");
        snapshot = NetworkPickle.read(pickle);
    }

    @Test
    void gEmaHoldsExactlyTheWeightsOfWeightsNpzBitForBit() throws IOException {
        Map<String, HostTensor> want = Npz.read(Fixtures.requireOrSkip(DIR + "weights.npz"));
        assertEquals(new ArrayList<>(want.keySet()), new ArrayList<>(snapshot.gEma().keySet()),
                "G_ema state_dict keys, in state_dict order");
        assertSameTensors(want, snapshot.gEma());
    }

    @Test
    void dHoldsExactlyTheWeightsOfDWeightsNpz() throws IOException {
        Map<String, HostTensor> want = Npz.read(Fixtures.requireOrSkip(DIR + "d_weights.npz"));
        assertEquals(new ArrayList<>(want.keySet()), new ArrayList<>(snapshot.d().keySet()));
        assertSameTensors(want, snapshot.d());
    }

    @Test
    void gHasTheSameKeysAsGEma() {
        assertEquals(new ArrayList<>(snapshot.gEma().keySet()), new ArrayList<>(snapshot.g().keySet()));
    }

    @Test
    void initKwargsEqualTheRecordedConfig() throws IOException {
        JsonNode config = new ObjectMapper().readTree(Fixtures.requireOrSkip(DIR + "config.json").toFile());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.convertValue(config.get("G_init_kwargs"), Map.class), snapshot.gInitKwargs());
        assertEquals(json.convertValue(config.get("D_init_kwargs"), Map.class), snapshot.dInitKwargs());
        // Python types survive: an int stays Integer, a float stays Double.
        Map<?, ?> rendering = (Map<?, ?>) snapshot.gInitKwargs().get("rendering_kwargs");
        assertEquals(1, rendering.get("box_warp"));
        assertEquals(1.0, rendering.get("c_scale"));
        assertEquals(List.of(0, 0, 0.2), rendering.get("avg_camera_pivot"));
    }

    @Test
    void recordsNeuralRenderingResolutionAndTrainingSettings() {
        assertEquals(32, snapshot.neuralRenderingResolution());
        assertNull(snapshot.augmentPipe(), "the fixture pickles augment_pipe=None");
        assertEquals("fake128.zip", snapshot.trainingSetKwargs().get("path"));
        assertEquals(128, snapshot.trainingSetKwargs().get("resolution"));
    }

    @Test
    void anAugmentPipeIsKeptAsItsSettings() throws IOException {
        byte[] full = Files.readAllBytes(pickle);
        // The fixture ends "... 'augment_pipe' NONE SETITEMS STOP"; put a persistent AugmentPipe there instead.
        assertEquals('N', full[full.length - 3]);
        byte[] blob = HostilePickleTest.legacyTorchSave(new PickleBytes().proto(2).mark().str("storage")
                .global("torch", "FloatStorage").str("0").str("cpu").int1(1).none().tuple().op('Q').stop().toByteArray(),
                new String[] {"0"}, new byte[][] {{0, 0, (byte) 0xc0, 0x3e}}); // 0.375f
        PickleBytes pipe = new PickleBytes().stackGlobal("torch_utils.persistence", "_reconstruct_persistent_obj")
                .emptyDict().mark().str("type").str("class").str("version").int1(6).str("module_src").str("")
                .str("class_name").str("AugmentPipe").str("state").emptyDict().mark()
                .str("_init_kwargs").emptyDict().mark().str("xflip").int1(1).str("rotate90").int1(1).setItems()
                .str("_buffers").stackGlobal("collections", "OrderedDict").emptyTuple().reduce().mark().str("p")
                .stackGlobal("torch._utils", "_rebuild_tensor_v2").mark()
                .stackGlobal("torch.storage", "_load_from_bytes").bytes(blob).op(0x85).reduce()
                .int1(0).emptyTuple().emptyTuple().op(0x89).stackGlobal("collections", "OrderedDict").emptyTuple()
                .reduce().tuple().reduce().setItems()
                .setItems().setItems().op(0x85).reduce();
        byte[] edited = new PickleBytes().raw(java.util.Arrays.copyOf(full, full.length - 3)).raw(pipe.toByteArray())
                .raw(new byte[] {full[full.length - 2], full[full.length - 1]}).toByteArray();
        ImportedSnapshot s = NetworkPickle.read(java.nio.ByteBuffer.wrap(edited), "afhq.pkl", Path.of("afhq.pkl"));
        assertEquals(Map.of("class_name", "AugmentPipe", "init_kwargs", Map.of("xflip", 1, "rotate90", 1), "p", 0.375),
                s.augmentPipe());
        assertEquals(snapshot.gEma(), s.gEma());
    }

    @Test
    void everyTruncationIsReportedAsTruncatedWithTheFileName(@TempDir Path tmp) throws IOException {
        byte[] full = Files.readAllBytes(pickle);
        for (int cut : new int[] {1, 12, 540, 900, full.length / 3, full.length / 2, full.length - 1}) {
            Path cutFile = tmp.resolve("cut.pkl");
            Files.write(cutFile, java.util.Arrays.copyOf(full, cut));
            CheckpointException e = assertThrows(CheckpointException.class, () -> NetworkPickle.read(cutFile),
                    "cut at " + cut);
            assertTrue(e.getMessage().startsWith("cut.pkl is truncated"), "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void aCorruptOpcodeIsReportedWithItsByteOffset(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(pickle);
        bytes[11] = (byte) 0xff; // the EMPTY_DICT of the top-level dict
        Path bad = tmp.resolve("bad.pkl");
        Files.write(bad, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> NetworkPickle.read(bad));
        assertEquals("bad.pkl is corrupt at byte 11: unknown or unsupported opcode 0xff."
                + " The file is damaged or not a pickle; copy or download it again.", e.getMessage());
    }

    @Test
    void convertsToACheckpointThatReadsBackBitForBit(@TempDir Path tmp) {
        Path out = tmp.resolve("t.ckpt");
        Checkpoint.write(out, snapshot.tensors(), snapshot.metadata());
        Checkpoint back = Checkpoint.read(out);
        assertEquals(new ArrayList<>(snapshot.tensors().keySet()), new ArrayList<>(back.tensors().keySet()));
        assertEquals(snapshot.tensors(), back.tensors());
        assertEquals(snapshot.gEma(), back.network(Checkpoint.G_EMA));
        assertEquals(32, back.metadata().get("neural_rendering_resolution").asInt());
        assertEquals(new ObjectMapper().valueToTree(snapshot.gInitKwargs()), back.metadata().get("G_init_kwargs"));
        assertEquals("network-snapshot.pkl", back.metadata().at("/provenance/source").asText());
    }

    private static void assertSameTensors(Map<String, HostTensor> want, Map<String, HostTensor> got) {
        List<String> problems = new ArrayList<>();
        want.forEach((key, w) -> {
            HostTensor g = got.get(key);
            if (g == null) {
                problems.add("missing " + key);
            } else if (!java.util.Arrays.equals(w.shape(), g.shape()) || w.dtype() != g.dtype()) {
                problems.add(key + ": " + g + ", want " + w);
            } else if (!w.equals(g)) {
                problems.add(key + ": values differ");
            }
        });
        assertEquals(List.of(), problems);
        assertArrayEquals(want.get(want.keySet().iterator().next()).toFloatArray(),
                got.get(want.keySet().iterator().next()).toFloatArray());
    }
}
