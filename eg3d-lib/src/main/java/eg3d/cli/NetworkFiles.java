package eg3d.cli;

import eg3d.parity.Parity;
import java.nio.file.Path;

/** Loading of {@code --network} files: official pickles and native checkpoints. */
final class NetworkFiles {
    private NetworkFiles() {}

    static Parity.NetworkLoader parityLoader(Path file) {
        return (manager, g, d) -> {
            throw new IllegalArgumentException(file + ": loading networks from .pkl or checkpoints is not available yet");
        };
    }
}
