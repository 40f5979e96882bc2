package eg3d.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a network pickle from NVlabs' training loop holds, as plain data. Tensors keep their
 * official {@code state_dict} names and order; kwargs are maps, lists, Integer/Long/Double,
 * String, Boolean and null, exactly as the pickle recorded them.
 *
 * @param source the file it came from
 * @param gInitKwargs the constructor kwargs recorded for G_ema ({@code z_dim}, {@code rendering_kwargs}, …)
 * @param dInitKwargs the constructor kwargs of D, or null when the snapshot has no D
 * @param gEma G_ema's state_dict: parameters and persistent buffers
 * @param g G's state_dict; empty when the snapshot has no G
 * @param d D's state_dict; empty when the snapshot has no D
 * @param neuralRenderingResolution G_ema's {@code neural_rendering_resolution} attribute when pickled
 * @param augmentPipe null, or {@code class_name}, {@code init_kwargs} and {@code p} of the AugmentPipe
 * @param trainingSetKwargs the dataset kwargs, or null when absent
 */
public record ImportedSnapshot(
        Path source,
        Map<String, @Nullable Object> gInitKwargs,
        @Nullable Map<String, @Nullable Object> dInitKwargs,
        LinkedHashMap<String, HostTensor> gEma,
        LinkedHashMap<String, HostTensor> g,
        LinkedHashMap<String, HostTensor> d,
        int neuralRenderingResolution,
        @Nullable Map<String, @Nullable Object> augmentPipe,
        @Nullable Map<String, @Nullable Object> trainingSetKwargs) {

    /** Every tensor under the checkpoint names {@code G_ema.…}, {@code G.…} and {@code D.…}. */
    public LinkedHashMap<String, HostTensor> tensors() {
        LinkedHashMap<String, HostTensor> all = new LinkedHashMap<>();
        gEma.forEach((k, v) -> all.put(Checkpoint.G_EMA + k, v));
        g.forEach((k, v) -> all.put(Checkpoint.G + k, v));
        d.forEach((k, v) -> all.put(Checkpoint.D + k, v));
        return all;
    }

    /**
     * Checkpoint metadata for this snapshot: the recorded kwargs and settings, and where they came
     * from. Training state (kimg, schedules, RNG) is absent: a pickle does not record it.
     * {@link Checkpoint#write} adds {@code format} and {@code format_version}.
     */
    public ObjectNode metadata() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode meta = json.createObjectNode();
        meta.set("G_init_kwargs", json.valueToTree(gInitKwargs));
        meta.set("D_init_kwargs", json.valueToTree(dInitKwargs));
        meta.put("neural_rendering_resolution", neuralRenderingResolution);
        meta.set("augment_pipe", json.valueToTree(augmentPipe));
        meta.set("training_set_kwargs", json.valueToTree(trainingSetKwargs));
        ObjectNode provenance = meta.putObject("provenance");
        provenance.put("imported_from", "network-pickle");
        provenance.put("source", source.getFileName() == null ? source.toString() : source.getFileName().toString());
        return meta;
    }
}
