package eg3d;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared reference fixtures, or skips the test with a sentence that says how to supply them. */
public final class TestFixtures {
    private TestFixtures() {}

    /** The root folder ({@code -Deg3d.fixtures}, default {@code ../../shared/fixtures}). */
    public static Path root() {
        return Path.of(System.getProperty("eg3d.fixtures", "../../shared/fixtures"));
    }

    /** A fixture file or folder under the root; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        boolean present = Files.exists(p);
        if (!present && Boolean.getBoolean("eg3d.requireFixtures")) {
            throw new AssertionError("required fixture missing: " + p.toAbsolutePath());
        }
        Assumptions.assumeTrue(present, () -> "skipped: no fixture at " + p.toAbsolutePath()
                + " (pass -Deg3d.fixtures=DIR; the layout is in fixtures/README.md)");
        return p;
    }

    /** The official tiny fixture directory. */
    public static Path tiny() {
        return require("official/tiny");
    }

    /** Resident set size of this JVM in bytes, from /proc (Linux). */
    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
