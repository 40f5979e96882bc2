package eg3d.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static LinkedHashMap<String, HostTensor> sampleTensors(float seed, int bigFloats) {
        LinkedHashMap<String, HostTensor> t = new LinkedHashMap<>();
        t.put("G_ema.backbone.mapping.w_avg", HostTensor.ofFloats(new long[] {3}, seed, -0f, Float.NaN));
        t.put("G_ema.backbone.synthesis.b4.conv1.noise_strength", HostTensor.ofFloats(new long[] {}, seed * 2));
        t.put("G.empty", HostTensor.ofFloats(new long[] {0, 4}));
        ByteBuffer half = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3c00).putShort((short) 0x8001);
        t.put("D.half", new HostTensor(TensorDType.FLOAT16, new long[] {2}, half.flip()));
        ByteBuffer longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MIN_VALUE).putLong(42);
        t.put("opt.G.step", new HostTensor(TensorDType.INT64, new long[] {2, 1}, longs.flip()));
        t.put("opt.G.mask", new HostTensor(TensorDType.BOOL, new long[] {3}, ByteBuffer.wrap(new byte[] {1, 0, 1})));
        t.put("D.u8", new HostTensor(TensorDType.UINT8, new long[] {1}, ByteBuffer.wrap(new byte[] {(byte) 255})));
        float[] big = new float[bigFloats];
        for (int i = 0; i < big.length; i++) {
            big[i] = seed + i;
        }
        t.put("G.big", HostTensor.ofFloats(new long[] {big.length}, big));
        return t;
    }

    static ObjectNode sampleMetadata(double kimg) {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("kimg", kimg);
        meta.putObject("augment").put("p", 0.125);
        meta.putObject("rng").put("seed", 7).put("state", "AAEC");
        return meta;
    }

    @Test
    void roundTripIsBitExactInOrderWithMetadata() {
        Path file = dir.resolve("run.ckpt");
        LinkedHashMap<String, HostTensor> tensors = sampleTensors(1.5f, 10);
        Checkpoint.write(file, tensors, sampleMetadata(12.5));
        Checkpoint back = Checkpoint.read(file);
        assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(back.tensors().keySet()));
        assertEquals(tensors, back.tensors());
        assertEquals(Float.floatToRawIntBits(Float.NaN),
                back.tensors().get("G_ema.backbone.mapping.w_avg").data().getInt(8));
        assertEquals(12.5, back.metadata().get("kimg").asDouble());
        assertEquals("AAEC", back.metadata().at("/rng/state").asText());
        assertEquals(Checkpoint.FORMAT, back.metadata().get("format").asText());
        assertEquals(List.of("w_avg"), List.copyOf(back.network("G_ema.backbone.mapping.").keySet()));
    }

    @Test
    void theFileIsStandardSafetensors() throws IOException {
        Path file = dir.resolve("std.ckpt");
        Checkpoint.write(file, Map.of("G.x", HostTensor.ofFloats(new long[] {2}, 1f, 2f)), sampleMetadata(0));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "header padded to 8 bytes");
        var header = JSON.readTree(new String(b.array(), 8, (int) n, StandardCharsets.UTF_8));
        assertEquals("F32", header.at("/G.x/dtype").asText());
        assertEquals("[0,8]", header.at("/G.x/data_offsets").toString());
        assertEquals("pt", header.at("/__metadata__/format").asText());
        assertEquals(1.0f, b.getFloat(8 + (int) n));
        assertEquals(8 + n + 8, Files.size(file));
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousCheckpointAndNoPartialFile() throws IOException {
        Path file = dir.resolve("run.ckpt");
        LinkedHashMap<String, HostTensor> old = sampleTensors(1f, 1000);
        Checkpoint.write(file, old, sampleMetadata(1));
        long half = Files.size(file) / 2;
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.write(file,
                sampleTensors(2f, 1000), sampleMetadata(2), out -> new FailAfter(out, half)));
        assertTrue(e.getMessage().contains("The previous file at that path, if any, is unchanged"), e.getMessage());
        Checkpoint back = Checkpoint.read(file);
        assertEquals(old, back.tensors());
        assertEquals(1, back.metadata().get("kimg").asInt());
        assertEquals(List.of(file), listDir());
    }

    @Test
    void aKilledWriterLeavesThePreviousCheckpointLoadableAndItsPartialFileIsNeverTakenForIt() throws Exception {
        Path file = dir.resolve("run.ckpt");
        LinkedHashMap<String, HostTensor> old = sampleTensors(1f, 1000);
        Checkpoint.write(file, old, sampleMetadata(1));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CheckpointCrashChild.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals(CheckpointCrashChild.HALF_WRITTEN, line, "child said: " + line);
            child.destroyForcibly(); // SIGKILL in the middle of the write: no finally block runs
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        List<Path> files = listDir();
        assertEquals(2, files.size(), "the checkpoint and the killed writer's partial file: " + files);
        Path partial = files.stream().filter(p -> !p.equals(file)).findFirst().orElseThrow();
        assertTrue(Checkpoint.isPartialFile(partial), partial.toString());
        assertFalse(partial.getFileName().toString().endsWith(".ckpt"));
        Checkpoint back = Checkpoint.read(file);
        assertEquals(old, back.tensors());
        assertThrows(CheckpointException.class, () -> Checkpoint.read(partial), "a partial file is not a checkpoint");
        // The next successful write of the same checkpoint clears the leftover.
        Checkpoint.write(file, sampleTensors(3f, 10), sampleMetadata(3));
        assertEquals(List.of(file), listDir());
        assertEquals(3, Checkpoint.read(file).metadata().get("kimg").asInt());
    }

    @Test
    void aTruncatedCheckpointSaysWhichTensorIsCut() throws IOException {
        Path file = dir.resolve("cut.ckpt");
        Checkpoint.write(file, sampleTensors(1f, 1000), sampleMetadata(1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a valid safetensors file: tensor 'G.big' ends at data byte"),
                e.getMessage());
        Files.write(file, java.util.Arrays.copyOf(bytes, 20));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("the header length field says"), e.getMessage());
    }

    @Test
    void aSafetensorsFileWithoutOurMetadataIsExplained() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        try (var out = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            Safetensors.write(out, Map.of("w", HostTensor.ofFloats(new long[] {1}, 1f)), Map.of());
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("without __metadata__.eg3d"), e.getMessage());
        assertTrue(e.getMessage().contains("./eg3d convert"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(dir.resolve("nope.ckpt")));
        assertEquals("checkpoint " + dir.resolve("nope.ckpt") + " does not exist. Check the path.", e.getMessage());
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Passes bytes through until {@code limit}, then fails as a full disk or a crash would. */
    static final class FailAfter implements WritableByteChannel {
        private final WritableByteChannel out;
        private long left;

        FailAfter(WritableByteChannel out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (left <= 0) {
                throw new IOException("simulated crash");
            }
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) Math.min(part.remaining(), left));
            int n = out.write(part);
            src.position(src.position() + n);
            left -= n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
