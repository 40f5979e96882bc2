package eg3d.cli;

import eg3d.io.Checkpoint;
import eg3d.io.HostTensor;
import eg3d.io.ImportedSnapshot;
import eg3d.io.NetworkFile;
import eg3d.io.NetworkPickle;
import eg3d.nn.Params;
import eg3d.parity.Parity;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** {@code --network} for the parity replay: G_ema and D weights from a .pkl or a checkpoint. */
final class NetworkFiles {
    private NetworkFiles() {}

    static Parity.NetworkLoader parityLoader(Path file) {
        return (manager, g, d) -> {
            LinkedHashMap<String, HostTensor> gEma, disc;
            if (NetworkFile.kind(file) == NetworkFile.Kind.PICKLE) {
                ImportedSnapshot snap = NetworkPickle.read(file);
                gEma = snap.gEma();
                disc = snap.d();
            } else {
                Checkpoint ckpt = Checkpoint.read(file);
                gEma = ckpt.network(Checkpoint.G_EMA);
                disc = ckpt.network(Checkpoint.D);
            }
            if (gEma.isEmpty()) {
                throw new IllegalArgumentException(file + ": holds no G_ema tensors");
            }
            Params gp = NetworkFile.params(manager, file + " (G_ema)", gEma);
            Params dp = d == null || disc.isEmpty() ? null : NetworkFile.params(manager, file + " (D)", disc);
            return new Params[] {gp, dp};
        };
    }
}
