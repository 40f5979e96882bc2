package eg3d.io;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An instance of a whitelisted Python class, kept as data: nothing of the class ever runs.
 *
 * @param className the class as the pickle names it: {@code module.Name} for plain classes, the bare
 *     recorded class name (e.g. {@code TriPlaneGenerator}) for {@code torch_utils.persistence} classes
 * @param persistent true for a {@code torch_utils.persistence} object, whose source the file carries
 *     (and which we never execute)
 * @param args constructor arguments given to REDUCE or NEWOBJ, usually empty
 * @param state the instance attributes set by BUILD, or the persisted {@code state} dict; a
 *     non-dict {@code __setstate__} argument is kept under the key {@code "__setstate__"}
 */
public record PickledObject(String className, boolean persistent, List<@Nullable Object> args,
        Map<String, @Nullable Object> state) {

    /** The attribute {@code name}, or null when absent or None. */
    public @Nullable Object get(String name) {
        return state.get(name);
    }

    @Override
    public String toString() {
        return (persistent ? "persistent " : "") + className + state.keySet();
    }
}
