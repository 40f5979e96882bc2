package eg3d.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.model.DiscriminatorConfig;
import eg3d.model.DualDiscriminator;
import eg3d.model.GeneratorConfig;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Params;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens any network file a command's {@code --network} accepts: an official NVlabs snapshot
 * ({@code .pkl}, read by the whitelist unpickler, nothing executed) or a native checkpoint
 * (safetensors + JSON). The architecture comes from the file's own recorded config.
 */
public final class NetworkFile {

    private NetworkFile() {}

    /** What kind of file this is, from its first bytes. */
    public enum Kind { PICKLE, CHECKPOINT }

    public static Kind kind(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such network file (give an official .pkl or a checkpoint written by eg3d)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            return first == 0x80 ? Kind.PICKLE : Kind.CHECKPOINT;   // pickles start with the PROTO opcode
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Loads G_ema, and G and D when present, onto sub-managers of {@code manager}. */
    public static Network load(Path file, NDManager manager) {
        return kind(file) == Kind.PICKLE ? fromPickle(file, manager) : fromCheckpoint(file, manager);
    }

    /** The generator config recorded in a file's metadata (checkpoint or converted pickle). */
    public static GeneratorConfig generatorConfig(ObjectNode metadata, String source) {
        JsonNode g = metadata.get("G_init_kwargs");
        if (g == null || g.isNull()) {
            throw new IllegalArgumentException(source + ": metadata has no 'G_init_kwargs'; not a generator checkpoint");
        }
        return GeneratorConfig.fromOfficialKwargs(g, metadata.path("neural_rendering_resolution").asInt(64), source);
    }

    private static Network fromPickle(Path file, NDManager manager) {
        ImportedSnapshot snap = NetworkPickle.read(file);
        return build(file, manager, snap.metadata(), snap.gEma(), snap.g(), snap.d());
    }

    private static Network fromCheckpoint(Path file, NDManager manager) {
        Checkpoint ckpt = Checkpoint.read(file);
        return build(file, manager, ckpt.metadata(), ckpt.network(Checkpoint.G_EMA), ckpt.network(Checkpoint.G),
                ckpt.network(Checkpoint.D));
    }

    private static Network build(Path file, NDManager manager, ObjectNode meta, LinkedHashMap<String, HostTensor> gEma,
            LinkedHashMap<String, HostTensor> g, LinkedHashMap<String, HostTensor> d) {
        String source = file.toString();
        if (gEma.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no G_ema tensors; nothing to generate with");
        }
        GeneratorConfig gConfig = generatorConfig(meta, source);
        TriPlaneGenerator generatorEma = new TriPlaneGenerator(gConfig, params(manager, source + " (G_ema)", gEma));
        TriPlaneGenerator generator = g.isEmpty() ? null : new TriPlaneGenerator(gConfig, params(manager, source + " (G)", g));
        DualDiscriminator discriminator = null;
        JsonNode dKwargs = meta.get("D_init_kwargs");
        if (!d.isEmpty() && dKwargs != null && !dKwargs.isNull()) {
            DiscriminatorConfig dConfig = DiscriminatorConfig.fromOfficialKwargs(dKwargs, gConfig.imgResolution());
            discriminator = new DualDiscriminator(dConfig, params(manager, source + " (D)", d));
        }
        return new Network(file, generatorEma, generator, discriminator, meta);
    }

    /** Host tensors → Params on a fresh sub-manager (strictly checked when a network is built on them). */
    public static Params params(NDManager manager, String source, Map<String, HostTensor> tensors) {
        NDManager sub = manager.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        tensors.forEach((k, v) -> arrays.put(k, v.toNDArray(sub)));
        return Params.of(sub, source, arrays);
    }

    /** Reads just the metadata (for inspect), without building networks. */
    public static ObjectNode metadata(Path file) {
        return kind(file) == Kind.PICKLE ? NetworkPickle.read(file).metadata() : Checkpoint.read(file).metadata();
    }

}
