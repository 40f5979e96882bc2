package eg3d.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./eg3d bench}: per-stage timings of the generator. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the generator per stage.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
