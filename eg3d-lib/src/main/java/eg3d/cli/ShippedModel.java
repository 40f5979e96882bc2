package eg3d.cli;

import eg3d.Eg3d;
import java.nio.file.Path;

/**
 * The CLI's view of the default model: the library's search ({@link Eg3d#locateDefaultModel()}), but
 * a command needs a file, so finding none is an error that says how to supply one.
 */
final class ShippedModel {
    private ShippedModel() {}

    static Path locate() {
        Path p = Eg3d.locateDefaultModel();
        if (p == null) {
            throw new IllegalArgumentException("no model found (looked for " + Eg3d.defaultModelCandidates()
                    + "); pass --network FILE, set " + Eg3d.MODEL_ENV + ", or train one: see models/README.md");
        }
        return p;
    }
}
