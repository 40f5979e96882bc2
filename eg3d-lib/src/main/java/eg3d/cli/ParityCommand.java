package eg3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.parity.Parity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d parity}: replay a reference fixture and compare every key. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Replay an official fixture directory (config.json, weights.npz, io.npz, io_nrr*.npz, shape.npz)",
            "and print one JSON line per compared key with its max abs error, then a verdict line.",
            "Exits 1 when a key is out of tolerance or a final output is missing.",
            "Example: ./eg3d parity --fixture ../shared/fixtures/official/tiny"})
final class ParityCommand implements Callable<Integer> {
    @Option(names = "--fixture", required = true, paramLabel = "DIR", description = "fixture directory")
    Path fixture;

    @Option(names = "--network", paramLabel = "FILE", description = "weights to use instead of DIR/weights.npz: an official .pkl or a native checkpoint")
    Path network;

    @Override
    public Integer call() {
        ObjectMapper json = new ObjectMapper();
        Parity.Report report = Parity.run(fixture, network == null ? null : NetworkFiles.parityLoader(network), r -> {
            ObjectNode line = json.createObjectNode();
            line.put("file", r.file()).put("key", r.key()).put("max_abs_err", r.error())
                    .put("tolerance", r.tolerance().limit()).put("relative", r.tolerance().relative())
                    .put("pass", r.pass());
            System.out.println(line);
        });
        ObjectNode verdict = json.createObjectNode();
        verdict.put("verdict", report.passed() ? "PASS" : "FAIL");
        verdict.put("compared", report.results().size());
        verdict.put("failed", report.results().stream().filter(r -> !r.pass()).count());
        report.skipped().forEach(verdict.putArray("skipped")::add);
        report.missingFinal().forEach(verdict.putArray("missing_final_outputs")::add);
        System.out.println(verdict);
        return report.passed() ? 0 : 1;
    }
}
