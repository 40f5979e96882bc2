package eg3d.io;

import eg3d.TestFixtures;
import java.nio.file.Path;

/** The fixtures the checkpoint tests use; skips the test when one is absent. */
final class Fixtures {
    private Fixtures() {}

    static Path requireOrSkip(String relative) {
        return TestFixtures.require(relative);
    }
}
