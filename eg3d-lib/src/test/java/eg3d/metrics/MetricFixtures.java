package eg3d.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared reference fixtures, or skips the test with a sentence that says how to supply them. */
final class MetricFixtures {
    static final String TINY_SNAPSHOT = "official/tiny/network-snapshot.pkl";

    private MetricFixtures() {}

    static Path requireOrSkip(String relative) {
        Path file = Path.of(System.getProperty("eg3d.fixtures", "../../shared/fixtures")).resolve(relative);
        boolean present = Files.isRegularFile(file);
        if (!present && Boolean.getBoolean("eg3d.requireFixtures")) {
            throw new AssertionError("required fixture missing: " + file.toAbsolutePath());
        }
        Assumptions.assumeTrue(present, () -> "skipped: no fixture at " + file.toAbsolutePath()
                + " (pass -Deg3d.fixtures=DIR; the layout is in fixtures/README.md)");
        return file;
    }
}
