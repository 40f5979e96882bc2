package eg3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.io.Checkpoint;
import eg3d.io.HostTensor;
import eg3d.io.ImportedSnapshot;
import eg3d.io.NetworkFile;
import eg3d.io.NetworkPickle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./eg3d inspect FILE}: what a network file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a network file's config, parameter counts, kimg and source (.pkl or checkpoint).")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode meta;
        Map<String, LinkedHashMap<String, HostTensor>> nets = new LinkedHashMap<>();
        NetworkFile.Kind kind = NetworkFile.kind(file);
        if (kind == NetworkFile.Kind.PICKLE) {
            ImportedSnapshot snap = NetworkPickle.read(file);
            meta = snap.metadata();
            nets.put("G_ema", snap.gEma());
            nets.put("G", snap.g());
            nets.put("D", snap.d());
        } else {
            Checkpoint c = Checkpoint.read(file);
            meta = c.metadata();
            nets.put("G_ema", c.network(Checkpoint.G_EMA));
            nets.put("G", c.network(Checkpoint.G));
            nets.put("D", c.network(Checkpoint.D));
            nets.put("optimizer", c.network(Checkpoint.OPTIMIZER));
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("file", file.toString()).put("format", kind == NetworkFile.Kind.PICKLE ? "official pickle" : "eg3d checkpoint");
        ObjectNode counts = out.putObject("parameters");
        nets.forEach((name, t) -> {
            if (!t.isEmpty()) {
                counts.putObject(name).put("tensors", t.size()).put("elements", t.values().stream().mapToLong(HostTensor::numel).sum());
            }
        });
        // Training snapshots keep kimg and the data under "training"; converted pickles record their provenance.
        out.set("kimg", meta.path("training").has("kimg") ? meta.path("training").get("kimg") : mapper.nullNode());
        out.set("source", meta.has("provenance") ? meta.get("provenance")
                : meta.path("training").path("options").has("data") ? meta.path("training").path("options") : mapper.nullNode());
        out.set("neural_rendering_resolution", meta.path("neural_rendering_resolution"));
        out.set("G_init_kwargs", meta.path("G_init_kwargs"));
        if (json) {
            System.out.println(mapper.writeValueAsString(out));
        } else {
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        }
        return 0;
    }
}
