package eg3d.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Flattens a pickled {@code torch.nn.Module} into its {@code state_dict}, the way torch does:
 * per module its parameters, then its persistent buffers, then each child module under
 * {@code prefix + childName + "."}, in the order the module recorded them. None entries are skipped.
 */
final class ModuleStateDict {

    /** Deeper than any real network; a pickle can make a module its own child, and that must not recurse forever. */
    static final int MAX_DEPTH = 64;

    private ModuleStateDict() {}

    /**
     * @param module a module as unpickled: its state holds {@code _parameters}, {@code _buffers},
     *     {@code _non_persistent_buffers_set} and {@code _modules}
     * @param where names the file and the network in messages, e.g. {@code G.pkl: G_ema}
     */
    static LinkedHashMap<String, HostTensor> of(PickledObject module, String where) {
        LinkedHashMap<String, HostTensor> out = new LinkedHashMap<>();
        collect(module, "", 0, where, out);
        return out;
    }

    private static void collect(PickledObject module, String prefix, int depth, String where,
            Map<String, HostTensor> out) {
        if (depth > MAX_DEPTH) {
            throw new CheckpointException(where + ": modules nest deeper than " + MAX_DEPTH + " at " + prefix
                    + " (a module that contains itself?). The snapshot is damaged or crafted.");
        }
        Set<?> nonPersistent = module.get("_non_persistent_buffers_set") instanceof Set<?> s ? s : Set.of();
        addTensors(module, "_parameters", prefix, where, Set.of(), out);
        addTensors(module, "_buffers", prefix, where, nonPersistent, out);
        for (Map.Entry<?, ?> child : entries(module, "_modules", prefix, where).entrySet()) {
            if (child.getValue() == null) {
                continue;
            }
            if (!(child.getValue() instanceof PickledObject sub)) {
                throw notAModule(where, prefix + child.getKey(), child.getValue());
            }
            collect(sub, prefix + child.getKey() + ".", depth + 1, where, out);
        }
    }

    private static void addTensors(PickledObject module, String field, String prefix, String where, Set<?> skip,
            Map<String, HostTensor> out) {
        for (Map.Entry<?, ?> e : entries(module, field, prefix, where).entrySet()) {
            if (e.getValue() == null || skip.contains(e.getKey())) {
                continue;
            }
            if (!(e.getValue() instanceof HostTensor t)) {
                throw new CheckpointException(where + ": " + prefix + e.getKey() + " in " + field + " is a "
                        + SafeUnpickler.typeNameOf(e.getValue()) + ", not a tensor. The snapshot is damaged.");
            }
            out.put(prefix + e.getKey(), t);
        }
    }

    private static Map<?, ?> entries(PickledObject module, String field, String prefix, String where) {
        Object value = module.get(field);
        if (!(value instanceof Map<?, ?> m)) {
            throw notAModule(where, prefix.isEmpty() ? "(top level)" : prefix.substring(0, prefix.length() - 1), module);
        }
        return m;
    }

    private static CheckpointException notAModule(String where, String name, @Nullable Object value) {
        return new CheckpointException(where + ": " + name + " is a " + SafeUnpickler.typeNameOf(value)
                + " without torch module state (_parameters, _buffers, _modules). Not a torch module snapshot.");
    }
}
