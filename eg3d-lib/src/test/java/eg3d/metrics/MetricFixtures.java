package eg3d.metrics;

import eg3d.TestFixtures;
import java.nio.file.Path;

/** The fixture the metrics tests use; skips the test when it is absent. */
final class MetricFixtures {
    static final String TINY_SNAPSHOT = "official/tiny/network-snapshot.pkl";

    private MetricFixtures() {}

    static Path requireOrSkip(String relative) {
        return TestFixtures.require(relative);
    }
}
