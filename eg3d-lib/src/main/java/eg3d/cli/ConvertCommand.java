package eg3d.cli;

import eg3d.io.Checkpoint;
import eg3d.io.ImportedSnapshot;
import eg3d.io.NetworkFile;
import eg3d.io.NetworkPickle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./eg3d convert IN.pkl OUT}: an official snapshot to the native checkpoint format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert an official network pickle (G, D, G_ema) to the native checkpoint format",
            "(safetensors + JSON metadata, written atomically). Nothing in the pickle is executed.",
            "Example: ./eg3d convert ffhq512-128.pkl ffhq512-128.ckpt"})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "official .pkl snapshot")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "checkpoint file to write")
    Path out;

    @Override
    public Integer call() {
        if (NetworkFile.kind(in) != NetworkFile.Kind.PICKLE) {
            throw new IllegalArgumentException(in + ": not a pickle (already a checkpoint?); convert takes an official .pkl");
        }
        ImportedSnapshot snap = NetworkPickle.read(in);
        Checkpoint.write(out, snap.tensors(), snap.metadata());
        System.out.printf("wrote %s: %d tensors (G_ema %d, G %d, D %d)%n", out, snap.tensors().size(), snap.gEma().size(),
                snap.g().size(), snap.d().size());
        return 0;
    }
}
