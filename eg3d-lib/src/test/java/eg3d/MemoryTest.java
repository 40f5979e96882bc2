package eg3d;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Native memory is owned per call: 200 generations in a row keep RSS flat. */
class MemoryTest {
    @Test
    void twoHundredGenerationsKeepRssFlat() {
        try (Eg3d eg3d = Eg3d.preset("nano", 1)) {
            long warm = 0;
            for (int i = 0; i < 220; i++) {
                long seed = i;
                try (Sample s = eg3d.generate(spec -> spec.setSeed(seed).setYaw(0.01 * seed))) {
                    s.getImage();
                }
                if (i == 19) {
                    System.gc();
                    warm = TestFixtures.rssBytes();
                }
            }
            System.gc();
            long growth = TestFixtures.rssBytes() - warm;
            System.out.printf("RSS growth over 200 generations after warm-up: %.1f MB%n", growth / 1e6);
            assertTrue(growth < 50_000_000, "RSS grew by " + growth / 1_000_000 + " MB over 200 generations");
        }
    }
}
