package eg3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultModelTest {
    @TempDir Path home;

    @AfterEach
    void clearHome() {
        System.clearProperty("eg3d.home");
    }

    @Test
    void theShippedModelWinsOverTheReferenceSnapshot() throws Exception {
        Path shipped = Files.createDirectories(home.resolve("models")).resolve("eg3d-nano.ckpt");
        Files.writeString(shipped, "weights");
        System.setProperty("eg3d.home", home.toString());
        assertEquals(shipped.toAbsolutePath().normalize(), Eg3d.locateDefaultModel());
        assertEquals(home.resolve(Eg3d.SHIPPED_MODEL).toAbsolutePath().normalize(), Eg3d.defaultModelCandidates().get(0),
                "-Deg3d.home is searched first");
    }

    @Test
    void withNothingUnderHomeTheProjectFolderIsSearched() {
        System.setProperty("eg3d.home", home.toString());
        // Tests run in eg3d-lib/, so the project folder is "..": its shipped model first, else ../../shared/fixtures/…
        Path shipped = Path.of("..").resolve(Eg3d.SHIPPED_MODEL).toAbsolutePath().normalize();
        Path snapshot = Path.of("..").resolve(Eg3d.REFERENCE_SNAPSHOT).toAbsolutePath().normalize();
        Path expected = Files.isRegularFile(shipped) ? shipped : Files.isRegularFile(snapshot) ? snapshot : null;
        assertEquals(expected, Eg3d.locateDefaultModel());
    }

    @Test
    void aPresetSaysItIsUntrained() {
        try (Eg3d eg3d = Eg3d.preset("nano", 0)) {
            assertFalse(eg3d.isTrained());
            assertEquals("untrained nano preset (seed 0)", eg3d.getSource());
            assertTrue(eg3d.toString().startsWith("Eg3d(untrained nano preset (seed 0), 64² images"), eg3d.toString());
        }
    }
}
