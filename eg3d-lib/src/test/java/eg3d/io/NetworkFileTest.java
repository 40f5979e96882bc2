package eg3d.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import eg3d.Eg3d;
import eg3d.Sample;
import eg3d.TestFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Official pickle → native checkpoint → load → generate: the same pixels either way. */
class NetworkFileTest {
    @Test
    void convertedCheckpointGeneratesIdenticalOutputs(@TempDir Path dir) {
        Path pkl = TestFixtures.require("official/tiny/network-snapshot.pkl");
        ImportedSnapshot snap = NetworkPickle.read(pkl);
        Path ckpt = dir.resolve("tiny.ckpt");
        Checkpoint.write(ckpt, snap.tensors(), snap.metadata());
        assertEquals(NetworkFile.Kind.PICKLE, NetworkFile.kind(pkl));
        assertEquals(NetworkFile.Kind.CHECKPOINT, NetworkFile.kind(ckpt));
        try (Eg3d a = Eg3d.load(pkl); Eg3d b = Eg3d.load(ckpt);
                Sample sa = a.generate(s -> s.setSeed(11).setYaw(0.2)); Sample sb = b.generate(s -> s.setSeed(11).setYaw(0.2))) {
            assertNotNull(a.getNetwork().discriminator(), "D comes along");
            assertNotNull(b.getNetwork().generator(), "G comes along");
            assertArrayEquals(sa.getArrays().getImage().toFloatArray(), sb.getArrays().getImage().toFloatArray());
            assertArrayEquals(sa.getArrays().getImageDepth().toFloatArray(), sb.getArrays().getImageDepth().toFloatArray());
            BufferedImage img = sb.getImage();
            assertEquals(128, img.getWidth());
        }
    }

    @Test
    void aNonNetworkFileIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("notes.txt");
        Files.writeString(junk, "not a network");
        try (NDManager m = NDManager.newBaseManager()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> NetworkFile.load(junk, m));
            assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> NetworkFile.kind(dir.resolve("nope.pkl")));
        assertTrue(missing.getMessage().contains("no such network file"), missing.getMessage());
    }
}
