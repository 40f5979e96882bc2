package eg3d.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The globals a pickle may name, and what each may do. Anything else is refused by
 * {@link SafeUnpickler} before an object is built. Nothing here refers to Python code: a
 * function is a Java {@link Call} that builds plain data, a class becomes a {@link PickledObject}
 * or a map.
 *
 * <p>Keep each list to what the format needs (see
 * {@code fixtures/official/tiny/network-snapshot.globals.json}); add a global only with a test
 * that shows it carries data, not behaviour.
 */
public final class PickleWhitelist {

    /** What a whitelisted global may be used for. */
    public enum Kind {
        /** Called by REDUCE through its Java {@link Call}. */
        FUNCTION,
        /** A dict subclass (OrderedDict, EasyDict): instantiating it gives a {@code LinkedHashMap}. */
        DICT_CLASS,
        /** A plain class: instantiating it gives a {@link PickledObject}, filled by BUILD. */
        OBJECT_CLASS,
        /** Only referenced as a value (e.g. a storage type in a persistent id), never called. */
        TYPE
    }

    /** The Java stand-in for a whitelisted Python function: builds data from data. */
    @FunctionalInterface
    public interface Call {
        /**
         * @param args the REDUCE argument tuple
         * @param where the file and byte offset of the REDUCE, for error messages
         */
        @Nullable Object apply(List<@Nullable Object> args, String where);
    }

    record Entry(Kind kind, @Nullable Call call) {}

    private final Map<String, Entry> entries;

    private PickleWhitelist(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The allowed {@code module.name}s. */
    public Set<String> getNames() {
        return entries.keySet();
    }

    @Nullable Entry lookup(String qualifiedName) {
        return entries.get(qualifiedName);
    }

    /** Collects entries; later entries for the same name replace earlier ones. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public Builder addFunction(String qualifiedName, Call call) {
            entries.put(qualifiedName, new Entry(Kind.FUNCTION, call));
            return this;
        }

        public Builder addDictClass(String qualifiedName) {
            entries.put(qualifiedName, new Entry(Kind.DICT_CLASS, null));
            return this;
        }

        public Builder addObjectClass(String qualifiedName) {
            entries.put(qualifiedName, new Entry(Kind.OBJECT_CLASS, null));
            return this;
        }

        public Builder addType(String qualifiedName) {
            entries.put(qualifiedName, new Entry(Kind.TYPE, null));
            return this;
        }

        public PickleWhitelist build() {
            return new PickleWhitelist(entries);
        }
    }
}
