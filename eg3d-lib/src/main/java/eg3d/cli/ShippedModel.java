package eg3d.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the model the quickstart and notebooks use by default: {@code models/eg3d-nano.ckpt} in
 * the project (trained by {@code ./eg3d train}, see {@code models/README.md}), else the official
 * tiny reference snapshot next to the project, so a fresh checkout always has something to show.
 */
final class ShippedModel {
    private ShippedModel() {}

    static Path locate() {
        Path home = Path.of(System.getProperty("eg3d.home", System.getenv().getOrDefault("EG3D_HOME", ".")));
        Path[] candidates = {
            home.resolve("models/eg3d-nano.ckpt"),
            home.resolve("../shared/fixtures/official/tiny/network-snapshot.pkl"),
        };
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p.normalize();
            }
        }
        throw new IllegalArgumentException("no model found (looked for " + candidates[0] + " and " + candidates[1]
                + "); pass --network FILE, or train one: see models/README.md");
    }
}
