package eg3d.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built pickles that would run code under Python's pickle: each must be refused, naming the global. */
class HostilePickleTest {
    @TempDir
    Path tmp;
    private Path marker;

    @BeforeEach
    void placeMarker() {
        marker = tmp.resolve("pwned");
    }

    @AfterEach
    void payloadNeverRan() {
        assertFalse(Files.exists(marker), "the payload created " + marker);
    }

    private String payload() {
        return "touch " + marker;
    }

    private UnsafePickleException refuse(PickleBytes p) {
        return assertThrows(UnsafePickleException.class,
                () -> NetworkPickle.read(ByteBuffer.wrap(p.toByteArray()), "evil.pkl", tmp.resolve("evil.pkl")));
    }

    @Test
    void osSystemGlobalIsRefusedAtItsOffset() {
        PickleBytes p = new PickleBytes().proto(2).global("os", "system").str(payload()).op(0x85).reduce().stop();
        UnsafePickleException e = refuse(p);
        assertEquals("os.system", e.getGlobal());
        assertTrue(e.getMessage().startsWith("refused global os.system at byte 2 of evil.pkl (not on the whitelist)"),
                e.getMessage());
    }

    @Test
    void posixSystemThroughStackGlobalIsRefused() {
        PickleBytes p = new PickleBytes().proto(4).str("posix").str("system");
        int at = p.size();
        p.op(0x93).str(payload()).op(0x85).reduce().stop();
        UnsafePickleException e = refuse(p);
        assertEquals("posix.system", e.getGlobal());
        assertTrue(e.getMessage().startsWith("refused global posix.system at byte " + at + " of evil.pkl"), e.getMessage());
    }

    @Test
    void subprocessPopenIsRefused() {
        PickleBytes p = new PickleBytes().proto(2).global("subprocess", "Popen")
                .op(']').mark().str("sh").str("-c").str(payload()).op('e').op(0x85).reduce().stop();
        assertEquals("subprocess.Popen", refuse(p).getGlobal());
    }

    @Test
    void builtinsEvalIsRefused() {
        PickleBytes p = new PickleBytes().proto(4).stackGlobal("builtins", "eval")
                .str("__import__('os').system('" + payload() + "')").op(0x85).reduce().stop();
        assertEquals("builtins.eval", refuse(p).getGlobal());
    }

    @Test
    void anUnknownClassIsRefusedBeforeItIsInstantiated() {
        PickleBytes p = new PickleBytes().proto(4).stackGlobal("training.networks_stylegan2", "Backdoor")
                .emptyTuple().op(0x81).stop();
        assertEquals("training.networks_stylegan2.Backdoor", refuse(p).getGlobal());
    }

    @Test
    void instOpcodeIsRefusedNamingItsClass() {
        PickleBytes p = new PickleBytes().proto(2).mark().str(payload());
        int at = p.size();
        p.op('i').raw("os\nsystem\n".getBytes()).stop();
        UnsafePickleException e = refuse(p);
        assertEquals("os.system", e.getGlobal());
        assertTrue(e.getMessage().contains("at byte " + at + " of evil.pkl (INST opcode calls a class directly)"),
                e.getMessage());
    }

    @Test
    void objOpcodeIsRefusedEvenForAWhitelistedClass() {
        PickleBytes p = new PickleBytes().proto(2).mark().global("collections", "OrderedDict").op('o').stop();
        UnsafePickleException e = refuse(p);
        assertEquals("collections.OrderedDict", e.getGlobal());
        assertTrue(e.getMessage().contains("OBJ opcode"), e.getMessage());
    }

    @Test
    void memoSwapOfAWhitelistedGlobalIsRefused() {
        // Memoise a harmless global, then try to overwrite that memo slot with a dangerous one.
        PickleBytes p = new PickleBytes().proto(2).global("collections", "OrderedDict").put(0)
                .global("os", "system").put(0).op('0').get(0).str(payload()).op(0x85).reduce().stop();
        assertEquals("os.system", refuse(p).getGlobal());
    }

    @Test
    void aStringFromTheMemoIsNeverCallable() {
        PickleBytes p = new PickleBytes().proto(2).str("os.system").put(1).op('0')
                .get(1).str(payload()).op(0x85).reduce().stop();
        UnsafePickleException e = refuse(p);
        assertEquals("os.system", e.getGlobal());
        assertTrue(e.getMessage().contains("REDUCE needs a whitelisted callable, got a str"), e.getMessage());
    }

    @Test
    void aPersistentIdInTheOuterPickleIsRefused() {
        PickleBytes p = new PickleBytes().proto(2).str("storage").op('Q').stop();
        assertEquals("BINPERSID", refuse(p).getGlobal());
    }

    @Test
    void aBadGlobalInsideANestedTorchSaveBlobIsRefusedAndSaysSo() {
        PickleBytes main = new PickleBytes().proto(2).global("posix", "system").str(payload()).op(0x85).reduce().stop();
        byte[] blob = legacyTorchSave(main.toByteArray());
        int mainAt = legacyHeader().length;
        PickleBytes p = new PickleBytes().proto(4).stackGlobal("torch.storage", "_load_from_bytes").bytes(blob).op(0x85);
        int reduceAt = p.size();
        p.reduce().stop();
        UnsafePickleException e = refuse(p);
        assertEquals("posix.system", e.getGlobal());
        assertTrue(e.getMessage().startsWith("refused global posix.system at byte " + (mainAt + 2)
                + " of the nested torch.save blob loaded at byte " + reduceAt + " of evil.pkl"), e.getMessage());
    }

    @Test
    void aStorageTypeInANestedBlobMayBeNamedButNotCalled() {
        PickleBytes main = new PickleBytes().proto(2).global("torch", "FloatStorage").int1(4).op(0x85).reduce().stop();
        PickleBytes p = new PickleBytes().proto(4).stackGlobal("torch.storage", "_load_from_bytes")
                .bytes(legacyTorchSave(main.toByteArray())).op(0x85).reduce().stop();
        UnsafePickleException e = refuse(p);
        assertEquals("torch.FloatStorage", e.getGlobal());
        assertTrue(e.getMessage().contains("type reference only"), e.getMessage());
    }

    @Test
    void aStyleGanGeneratorIsNamedAsNotEg3d() {
        PickleBytes p = new PickleBytes().proto(4).emptyDict().str("G_ema")
                .stackGlobal("torch_utils.persistence", "_reconstruct_persistent_obj")
                .emptyDict().mark().str("type").str("class").str("version").int1(6)
                .str("module_src").str("import os; os.system('" + payload() + "')")
                .str("class_name").str("Generator").str("state").emptyDict().setItems()
                .op(0x85).reduce().op('s').stop();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> NetworkPickle.read(ByteBuffer.wrap(p.toByteArray()), "sg2.pkl", tmp.resolve("sg2.pkl")));
        assertEquals("sg2.pkl holds a persistent Generator as G_ema, not an EG3D TriPlaneGenerator"
                + " (Generator is the StyleGAN2/StyleGAN3 generator class). Pass a network-snapshot-*.pkl from EG3D"
                + " training or a native .ckpt checkpoint.", e.getMessage());
    }

    @Test
    void aDictWithoutGEmaIsNamedAsNotASnapshot() {
        PickleBytes p = new PickleBytes().proto(4).emptyDict().mark().str("G").none().str("D").none().setItems().stop();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> NetworkPickle.read(ByteBuffer.wrap(p.toByteArray()), "x.pkl", tmp.resolve("x.pkl")));
        assertTrue(e.getMessage().startsWith("x.pkl holds a dict with keys [G, D] and no G_ema"), e.getMessage());
    }

    @Test
    void aListThatContainsItselfCannotBeADictKey() {
        PickleBytes p = new PickleBytes().proto(2).op(']').put(0).get(0).op('a').op('0')
                .emptyDict().get(0).none().op('s').stop();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> NetworkPickle.read(ByteBuffer.wrap(p.toByteArray()), "loop.pkl", tmp.resolve("loop.pkl")));
        assertTrue(e.getMessage().contains("a list used as a dict key or set member"), e.getMessage());
    }

    @Test
    void aModuleThatContainsItselfIsReportedNotRecursedForever() {
        PickleBytes p = snapshotWithGEmaState(b -> b.str("_modules").emptyDict().str("loop")
                .stackGlobal("torch.nn.modules.container", "Sequential").emptyTuple().op(0x81).put(5)
                .emptyDict().mark().str("_parameters").emptyDict().str("_buffers").emptyDict()
                .str("_modules").emptyDict().str("self").get(5).op('s').setItems().op('b').op('s')
                .str("_init_kwargs").emptyDict());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> NetworkPickle.read(ByteBuffer.wrap(p.toByteArray()), "loop.pkl", tmp.resolve("loop.pkl")));
        assertTrue(e.getMessage().startsWith("loop.pkl: G_ema: modules nest deeper than 64"), e.getMessage());
    }

    @Test
    void kwargsThatContainThemselvesAreReportedNotRecursedForever() {
        PickleBytes p = snapshotWithGEmaState(b -> b.str("_modules").emptyDict()
                .str("_init_kwargs").emptyDict().put(7).str("me").get(7).op('s'));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> NetworkPickle.read(ByteBuffer.wrap(p.toByteArray()), "loop.pkl", tmp.resolve("loop.pkl")));
        assertTrue(e.getMessage().startsWith("loop.pkl: G_ema._init_kwargs nests deeper than 64"), e.getMessage());
    }

    /** {'G_ema': persistent TriPlaneGenerator} with empty parameters and buffers, resolution 32, plus {@code more}. */
    private static PickleBytes snapshotWithGEmaState(java.util.function.Consumer<PickleBytes> more) {
        PickleBytes b = new PickleBytes().proto(4).emptyDict().str("G_ema")
                .stackGlobal("torch_utils.persistence", "_reconstruct_persistent_obj")
                .emptyDict().mark().str("type").str("class").str("class_name").str("TriPlaneGenerator")
                .str("state").emptyDict().mark().str("_parameters").emptyDict().str("_buffers").emptyDict()
                .str("neural_rendering_resolution").int1(32);
        more.accept(b);
        return b.setItems().setItems().op(0x85).reduce().op('s').stop();
    }

    /** A legacy-format torch.save archive whose object pickle is {@code main} and which has no storages. */
    static byte[] legacyTorchSave(byte[] main) {
        return legacyTorchSave(main, new String[0], new byte[0][]);
    }

    /** The three pickles before the object: magic number, protocol 1001, sys_info. */
    static byte[] legacyHeader() {
        byte[] magic = new BigInteger("1950a86a20f9469cfc6c", 16).toByteArray();
        PickleBytes b = new PickleBytes().proto(2).op(0x8a).raw(magic.length);
        for (int i = magic.length - 1; i >= 0; i--) {
            b.raw(magic[i]);
        }
        b.stop().proto(2).op('M').raw(1001 & 0xff).raw(1001 >> 8).stop();
        return b.proto(2).emptyDict().str("little_endian").op(0x88).op('s').stop().toByteArray();
    }

    /** Header, {@code main}, the key list, then each float32 storage as element count + bytes. */
    static byte[] legacyTorchSave(byte[] main, String[] keys, byte[][] storages) {
        PickleBytes b = new PickleBytes().raw(legacyHeader());
        b.raw(main);
        b.proto(2).op(']').mark();
        for (String k : keys) {
            b.str(k);
        }
        b.op('e').stop();
        for (byte[] s : storages) {
            b.int64(s.length / 4).raw(s); // float32 storages in these tests
        }
        return b.toByteArray();
    }
}
