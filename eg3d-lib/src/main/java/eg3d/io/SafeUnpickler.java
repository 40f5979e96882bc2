package eg3d.io;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A pickle virtual machine that builds only data. It understands the binary opcodes of protocols
 * 2 to 5 that Python's pickle and {@code torch.save} emit. Every global is looked up in a
 * {@link PickleWhitelist} the moment GLOBAL or STACK_GLOBAL is read, before anything uses it;
 * INST, OBJ and the extension registry are refused outright. No code from the file ever runs:
 * whitelisted functions are Java stand-ins and classes become {@link PickledObject}s.
 *
 * <p>Values: None → null, bool → Boolean, int → Integer, Long or BigInteger (the smallest that
 * fits), float → Double, str → String, bytes → read-only ByteBuffer, tuple → unmodifiable List,
 * list → ArrayList, dict → LinkedHashMap, set → LinkedHashSet.
 */
public final class SafeUnpickler {

    /** Resolves a BINPERSID id (torch.save's storage references) into a value. */
    @FunctionalInterface
    public interface PersistentLoader {
        @Nullable Object load(@Nullable Object pid, String where);
    }

    /** A global that passed the whitelist; the only thing REDUCE and NEWOBJ accept as callable. */
    record Global(String qualifiedName, PickleWhitelist.Kind kind, PickleWhitelist.@Nullable Call call) {
        @Override
        public String toString() {
            return qualifiedName;
        }
    }

    private static final Object MARK_SENTINEL = new Object();

    private final String source;
    private final PickleWhitelist whitelist;
    private final @Nullable PersistentLoader persistentLoader;

    private ByteBuffer in = ByteBuffer.allocate(0);
    private final ArrayList<@Nullable Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Integer, @Nullable Object> memo = new HashMap<>();

    /**
     * @param source names the data in messages, e.g. {@code network-snapshot.pkl}
     * @param persistentLoader handles BINPERSID; null refuses it
     */
    public SafeUnpickler(String source, PickleWhitelist whitelist, @Nullable PersistentLoader persistentLoader) {
        this.source = source;
        this.whitelist = whitelist;
        this.persistentLoader = persistentLoader;
    }

    /**
     * Runs one pickle starting at {@code data}'s position and returns its value; on return the
     * position is just past the STOP opcode, so consecutive pickles can be read one by one.
     * Offsets in messages count from {@code data}'s position 0.
     */
    public @Nullable Object load(ByteBuffer data) {
        in = data.order(ByteOrder.LITTLE_ENDIAN);
        stack.clear();
        marks.clear();
        memo.clear();
        int opStart = in.position();
        try {
            while (true) {
                opStart = in.position();
                int op = in.get() & 0xff;
                if (op == '.') {
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw corrupt(opStart, "STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.remove(0);
                }
                execute(op, opStart);
            }
        } catch (BufferUnderflowException e) {
            throw new CheckpointException(source + " is truncated: the opcode at byte " + opStart
                    + " needs more bytes than the " + in.limit() + " there are. Copy or download the file again.");
        }
    }

    private void execute(int op, int at) {
        switch (op) {
            case 0x80 -> { // PROTO
                int proto = in.get() & 0xff;
                if (proto > 5) {
                    throw corrupt(at, "pickle protocol " + proto + " is newer than 5");
                }
            }
            case 0x95 -> in.getLong(); // FRAME: a hint for buffered readers; we read from memory
            case '(' -> { marks.add(stack.size()); stack.add(MARK_SENTINEL); }
            case 'N' -> stack.add(null);
            case 0x88 -> stack.add(Boolean.TRUE);
            case 0x89 -> stack.add(Boolean.FALSE);
            case 'J' -> stack.add(in.getInt());
            case 'K' -> stack.add(in.get() & 0xff);
            case 'M' -> stack.add(in.getShort() & 0xffff);
            case 0x8a -> stack.add(readLong(in.get() & 0xff, at));
            case 0x8b -> stack.add(readLong(in.getInt(), at));
            case 'G' -> stack.add(in.order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT is big-endian
            case 'X' -> stack.add(readString(in.getInt(), StandardCharsets.UTF_8, at));
            case 0x8c -> stack.add(readString(in.get() & 0xff, StandardCharsets.UTF_8, at));
            case 0x8d -> stack.add(readString(in.getLong(), StandardCharsets.UTF_8, at));
            case 'T' -> stack.add(readString(in.getInt(), StandardCharsets.ISO_8859_1, at));
            case 'U' -> stack.add(readString(in.get() & 0xff, StandardCharsets.ISO_8859_1, at));
            case 'B' -> stack.add(readBytes(in.getInt() & 0xffffffffL, at));
            case 'C' -> stack.add(readBytes(in.get() & 0xff, at));
            case 0x8e, 0x96 -> stack.add(readBytes(in.getLong(), at)); // BINBYTES8, BYTEARRAY8
            case '}' -> stack.add(new LinkedHashMap<>());
            case ']' -> stack.add(new ArrayList<>());
            case ')' -> stack.add(tuple(List.of()));
            case 0x8f -> stack.add(new LinkedHashSet<>());
            case 't' -> stack.add(tuple(popMark(at)));
            case 0x85 -> stack.add(tuple(popN(1, at)));
            case 0x86 -> stack.add(tuple(popN(2, at)));
            case 0x87 -> stack.add(tuple(popN(3, at)));
            case 'l' -> stack.add(new ArrayList<>(popMark(at)));
            case 'd' -> {
                LinkedHashMap<Object, Object> d = new LinkedHashMap<>();
                putPairs(d, popMark(at), at);
                stack.add(d);
            }
            case 0x91 -> { // FROZENSET
                LinkedHashSet<@Nullable Object> set = new LinkedHashSet<>();
                for (Object item : popMark(at)) {
                    set.add(hashable(item, at));
                }
                stack.add(Collections.unmodifiableSet(set));
            }
            case 'a' -> {
                Object v = pop(at);
                listAt(peek(at), at).add(v);
            }
            case 'e' -> {
                List<@Nullable Object> items = popMark(at);
                listAt(peek(at), at).addAll(items);
            }
            case 's' -> {
                Object v = pop(at);
                Object k = pop(at);
                dictAt(peek(at), at).put(hashable(k, at), v);
            }
            case 'u' -> {
                List<@Nullable Object> items = popMark(at);
                putPairs(dictAt(peek(at), at), items, at);
            }
            case 0x90 -> { // ADDITEMS
                List<@Nullable Object> items = popMark(at);
                if (!(peek(at) instanceof LinkedHashSet<?> set)) {
                    throw corrupt(at, "ADDITEMS on a " + typeName(peek(at)));
                }
                @SuppressWarnings("unchecked")
                Set<Object> s = (Set<Object>) set;
                for (Object item : items) {
                    s.add(hashable(item, at));
                }
            }
            case '0' -> pop(at);
            case '1' -> popMark(at);
            case '2' -> stack.add(peek(at));
            case 'q' -> memo.put(in.get() & 0xff, peek(at));
            case 'r' -> memo.put(in.getInt(), peek(at));
            case 0x94 -> memo.put(memo.size(), peek(at));
            case 'h' -> stack.add(memoGet(in.get() & 0xff, at));
            case 'j' -> stack.add(memoGet(in.getInt(), at));
            case 'c' -> {
                String module = readLine(at);
                String name = readLine(at);
                stack.add(resolve(module, name, at));
            }
            case 0x93 -> {
                Object name = pop(at);
                Object module = pop(at);
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw corrupt(at, "STACK_GLOBAL needs two strings, got " + typeName(module) + " and " + typeName(name));
                }
                stack.add(resolve(m, n, at));
            }
            case 'R' -> {
                Object args = pop(at);
                Object callable = pop(at);
                stack.add(reduce(callable, tupleArgs(args, "REDUCE", at), at));
            }
            case 0x81 -> { // NEWOBJ
                Object args = pop(at);
                Object cls = pop(at);
                stack.add(instantiate(cls, tupleArgs(args, "NEWOBJ", at), "NEWOBJ", at));
            }
            case 0x92 -> { // NEWOBJ_EX
                pop(at); // kwargs: none of our classes take any, and instantiation never runs code
                Object args = pop(at);
                Object cls = pop(at);
                stack.add(instantiate(cls, tupleArgs(args, "NEWOBJ_EX", at), "NEWOBJ_EX", at));
            }
            case 'b' -> {
                Object state = pop(at);
                build(peek(at), state, at);
            }
            case 'Q' -> {
                Object pid = pop(at);
                if (persistentLoader == null) {
                    throw new UnsafePickleException("BINPERSID", "refused persistent id at byte " + at + " of " + source
                            + ": this pickle is not expected to reference external storage");
                }
                stack.add(persistentLoader.load(pid, "byte " + at + " of " + source));
            }
            case 'i' -> { // INST: module and name inline, then it would call the class
                String module = readLine(at);
                String name = readLine(at);
                throw refused(module + "." + name, at, "INST opcode calls a class directly");
            }
            case 'o' -> { // OBJ: the class is the first item after the mark
                List<@Nullable Object> items = popMark(at);
                String name = items.isEmpty() ? "?" : String.valueOf(items.get(0));
                throw refused(name, at, "OBJ opcode calls a class directly");
            }
            case 0x82, 0x83, 0x84 -> throw refused("copyreg extension code", at, "the extension registry is not allowed");
            case 'P' -> throw refused("PERSID", at, "text persistent ids are not allowed");
            case 0x97, 0x98 -> throw refused("out-of-band buffer", at, "protocol 5 out-of-band buffers are not allowed");
            default -> throw corrupt(at, String.format("unknown or unsupported opcode 0x%02x", op));
        }
        in.order(ByteOrder.LITTLE_ENDIAN);
    }

    private Global resolve(String module, String name, int at) {
        String qualified = module + "." + name;
        PickleWhitelist.Entry entry = whitelist.lookup(qualified);
        if (entry == null) {
            throw refused(qualified, at, "not on the whitelist");
        }
        return new Global(qualified, entry.kind(), entry.call());
    }

    private @Nullable Object reduce(@Nullable Object callable, List<@Nullable Object> args, int at) {
        if (!(callable instanceof Global g)) {
            throw refused(describe(callable), at, "REDUCE needs a whitelisted callable, got a " + typeName(callable));
        }
        return switch (g.kind()) {
            case FUNCTION -> {
                PickleWhitelist.Call call = g.call();
                if (call == null) {
                    throw new IllegalStateException("whitelist function " + g + " has no Java stand-in");
                }
                yield call.apply(args, "byte " + at + " of " + source);
            }
            case DICT_CLASS, OBJECT_CLASS -> instantiate(g, args, "REDUCE", at);
            case TYPE -> throw refused(g.qualifiedName(), at, "whitelisted as a type reference only, not as a call");
        };
    }

    private Object instantiate(@Nullable Object cls, List<@Nullable Object> args, String opcode, int at) {
        if (!(cls instanceof Global g)) {
            throw refused(describe(cls), at, opcode + " needs a whitelisted class, got a " + typeName(cls));
        }
        if (g.kind() == PickleWhitelist.Kind.DICT_CLASS) {
            LinkedHashMap<Object, Object> d = new LinkedHashMap<>();
            if (args.size() == 1 && args.get(0) instanceof Map<?, ?> m) {
                d.putAll(m); // keys already checked when that dict was built
            } else if (args.size() == 1 && args.get(0) instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                        throw corrupt(at, g + " expects (key, value) pairs, got a " + typeName(pair));
                    }
                    d.put(hashable(kv.get(0), at), kv.get(1));
                }
            } else if (!args.isEmpty()) {
                throw corrupt(at, g + " with " + args.size() + " constructor arguments");
            }
            return d;
        }
        if (g.kind() != PickleWhitelist.Kind.OBJECT_CLASS) {
            throw refused(g.qualifiedName(), at, "whitelisted as a " + g.kind().name().toLowerCase() + ", not as a class");
        }
        return new PickledObject(g.qualifiedName(), false, args, new LinkedHashMap<>());
    }

    private void build(@Nullable Object target, @Nullable Object state, int at) {
        if (target instanceof PickledObject obj) {
            if (state instanceof Map<?, ?> m) {
                putAttributes(obj, m);
            } else if (state instanceof List<?> t && t.size() == 2
                    && (t.get(0) == null || t.get(0) instanceof Map) && t.get(1) instanceof Map<?, ?> slots) {
                if (t.get(0) instanceof Map<?, ?> dict) {
                    putAttributes(obj, dict);
                }
                putAttributes(obj, slots);
            } else {
                obj.state().put("__setstate__", state);
            }
        } else if (target instanceof Map<?, ?>) {
            // A dict subclass (EasyDict) with instance attributes: its items are the data we keep.
            if (state != null && !(state instanceof Map<?, ?>)) {
                throw corrupt(at, "BUILD of a dict with a " + typeName(state) + " state");
            }
        } else {
            throw corrupt(at, "BUILD on a " + typeName(target));
        }
    }

    private static void putAttributes(PickledObject obj, Map<?, ?> attributes) {
        attributes.forEach((k, v) -> obj.state().put(String.valueOf(k), v));
    }

    private List<@Nullable Object> tupleArgs(@Nullable Object args, String opcode, int at) {
        if (!(args instanceof List<?> list)) {
            throw corrupt(at, opcode + " arguments must be a tuple, got a " + typeName(args));
        }
        @SuppressWarnings("unchecked")
        List<@Nullable Object> l = (List<@Nullable Object>) list;
        return l;
    }

    private static List<@Nullable Object> tuple(List<@Nullable Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    private List<@Nullable Object> listAt(@Nullable Object target, int at) {
        // Tuples are unmodifiable lists, so only a real list (ArrayList) accepts APPEND.
        if (!(target instanceof ArrayList<?> list)) {
            throw corrupt(at, "APPEND to a " + typeName(target));
        }
        return (List<@Nullable Object>) list;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, @Nullable Object> dictAt(@Nullable Object target, int at) {
        if (!(target instanceof LinkedHashMap<?, ?> d)) {
            throw corrupt(at, "SETITEM on a " + typeName(target));
        }
        return (Map<Object, @Nullable Object>) d;
    }

    private void putPairs(Map<Object, @Nullable Object> d, List<@Nullable Object> items, int at) {
        if (items.size() % 2 != 0) {
            throw corrupt(at, "odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            d.put(hashable(items.get(i), at), items.get(i + 1));
        }
    }

    /**
     * Dict keys and set members must be what Python could hash: scalars, strings, bytes, globals and
     * shallow tuples of those. Anything else (a list that contains itself, say) would make Java's
     * hashCode recurse without end, and no genuine pickle has it.
     */
    private @Nullable Object hashable(@Nullable Object key, int at) {
        checkHashable(key, at, 0);
        return key;
    }

    private void checkHashable(@Nullable Object key, int at, int depth) {
        if (key == null || key instanceof String || key instanceof Number || key instanceof Boolean
                || key instanceof ByteBuffer || key instanceof Global) {
            return;
        }
        if (key instanceof List<?> t && !(key instanceof ArrayList) && depth < 16) {
            for (Object item : t) {
                checkHashable(item, at, depth + 1);
            }
            return;
        }
        throw corrupt(at, "a " + typeName(key) + " used as a dict key or set member, which Python cannot hash");
    }

    private @Nullable Object memoGet(int index, int at) {
        if (!memo.containsKey(index)) {
            throw corrupt(at, "memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    private @Nullable Object pop(int at) {
        int top = stack.size() - 1;
        if (top < 0 || stack.get(top) == MARK_SENTINEL) {
            throw corrupt(at, "the stack is empty");
        }
        return stack.remove(top);
    }

    private @Nullable Object peek(int at) {
        int top = stack.size() - 1;
        if (top < 0 || stack.get(top) == MARK_SENTINEL) {
            throw corrupt(at, "the stack is empty");
        }
        return stack.get(top);
    }

    private List<@Nullable Object> popN(int n, int at) {
        List<@Nullable Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(0, pop(at));
        }
        return items;
    }

    private List<@Nullable Object> popMark(int at) {
        if (marks.isEmpty()) {
            throw corrupt(at, "no MARK to pop to");
        }
        int mark = marks.remove(marks.size() - 1);
        List<@Nullable Object> top = stack.subList(mark + 1, stack.size());
        List<@Nullable Object> items = new ArrayList<>(top);
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    private Object readLong(int n, int at) {
        if (n < 0 || n > in.remaining()) {
            throw corrupt(at, "LONG of " + n + " bytes");
        }
        byte[] le = new byte[n];
        in.get(le);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        if (v.bitLength() < 32) {
            return v.intValue();
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String readString(long n, java.nio.charset.Charset charset, int at) {
        ByteBuffer b = readBytes(n, at);
        return charset.decode(b).toString();
    }

    private ByteBuffer readBytes(long n, int at) {
        if (n < 0 || n > in.remaining()) {
            throw new CheckpointException(source + " is truncated: the opcode at byte " + at + " wants " + n
                    + " bytes, but only " + in.remaining() + " remain. Copy or download the file again.");
        }
        ByteBuffer slice = in.slice().limit((int) n).asReadOnlyBuffer();
        in.position(in.position() + (int) n);
        return slice;
    }

    private String readLine(int at) {
        int start = in.position();
        while (in.get() != '\n') {
            if (in.position() - start > 1024) {
                throw corrupt(at, "a GLOBAL name longer than 1024 bytes");
            }
        }
        byte[] bytes = new byte[in.position() - start - 1];
        in.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private UnsafePickleException refused(String global, int at, String why) {
        return new UnsafePickleException(global, "refused global " + global + " at byte " + at + " of " + source
                + " (" + why + "). The file asks for code that a network snapshot never needs, so it is not loaded;"
                + " do not open it with Python's pickle either. If this global only carries data, add it to the"
                + " whitelist (eg3d.io.NetworkPickle, or TorchSaveArchive for nested blobs) together with a test.");
    }

    private CheckpointException corrupt(int at, String detail) {
        return new CheckpointException(source + " is corrupt at byte " + at + ": " + detail
                + ". The file is damaged or not a pickle; copy or download it again.");
    }

    private static String describe(@Nullable Object value) {
        return value instanceof String s ? s : typeName(value);
    }

    private static String typeName(@Nullable Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Global g) {
            return "global " + g.qualifiedName();
        }
        if (value instanceof PickledObject o) {
            return o.className();
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof ByteBuffer) {
            return "bytes";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof ArrayList) {
            return "list";
        }
        if (value instanceof List) {
            return "tuple";
        }
        if (value instanceof Set) {
            return "set";
        }
        if (value == MARK_SENTINEL) {
            return "MARK";
        }
        return value.getClass().getSimpleName();
    }

    static String typeNameOf(@Nullable Object value) {
        return typeName(value);
    }
}
