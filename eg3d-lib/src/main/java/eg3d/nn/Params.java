package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named arrays of a network, under their official {@code state_dict} keys.
 *
 * <p>Layers fetch their arrays with {@link #require}. Problems are collected rather than thrown
 * one at a time, so {@link #verify()} can list every missing, unexpected and mis-shaped key at
 * once: that is what a user needs when a checkpoint does not fit a config.
 *
 * <p>Two modes: loaded from a file (strict), or {@link #initialize fresh} where {@code require}
 * creates each array with the official initialisation.
 */
public final class Params implements AutoCloseable {
    private final NDManager manager;
    private final String source;                             // the file, for error messages
    private final Map<String, NDArray> arrays;                // every array, in load order
    private final Set<String> used = new LinkedHashSet<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> misShaped = new ArrayList<>();
    private final boolean fresh;
    private final java.util.Random init;
    private boolean zerosOnly;

    private Params(NDManager manager, String source, Map<String, NDArray> arrays, boolean fresh, long seed) {
        this.manager = manager;
        this.source = source;
        this.arrays = arrays;
        this.fresh = fresh;
        this.init = new java.util.Random(seed);
    }

    /** Params backed by the given arrays (names are official keys); takes ownership. */
    public static Params of(NDManager manager, String source, Map<String, NDArray> arrays) {
        for (NDArray a : arrays.values()) {
            a.attach(manager);
        }
        return new Params(manager, source, new LinkedHashMap<>(arrays), false, 0);
    }

    /** Empty params whose {@code require} creates zero arrays: cheap, for checking an architecture's keys and shapes. */
    public static Params zeros(NDManager manager) {
        Params p = new Params(manager, "zero initialisation", new LinkedHashMap<>(), true, 0);
        p.zerosOnly = true;
        return p;
    }

    /** Empty params whose {@code require} creates arrays with the official initialisation. */
    public static Params initialize(NDManager manager, long seed) {
        return new Params(manager, "fresh initialisation", new LinkedHashMap<>(), true, seed);
    }

    /** Reads an {@code .npz} (numpy) file of official keys, e.g. the fixtures' {@code weights.npz}. */
    public static Params loadNpz(NDManager manager, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such weights file (expected an .npz of state_dict arrays)");
        }
        return of(manager, file.toString(), eg3d.io.NpzFile.read(manager, file));
    }

    /**
     * The array under {@code key}, which must have {@code shape}. When loading, a missing or
     * mis-shaped key is recorded and a zero placeholder returned, so construction can go on and
     * {@link #verify()} reports every problem together.
     */
    public NDArray require(String key, long... shape) {
        return require(key, Init.ZEROS, shape);
    }

    /** As {@link #require(String, long...)}, with the initialisation used for fresh params. */
    public NDArray require(String key, Init initKind, long... shape) {
        return require(key, initKind, 1f, shape);
    }

    /**
     * As {@link #require(String, Init, long...)}; fresh arrays are multiplied by {@code scale}
     * (N(0, 1/lrMul²) weights of lr-multiplied layers, constant bias inits).
     */
    public NDArray require(String key, Init initKind, float scale, long... shape) {
        used.add(key);
        NDArray a = arrays.get(key);
        if (a == null) {
            if (fresh) {
                a = create(initKind, shape);
                if (scale != 1f) {
                    a = a.muli(scale);
                }
                a.setName(key);
                arrays.put(key, a);
                return a;
            }
            missing.add(key + " " + Shapes.pattern(shape));
            return manager.zeros(new Shape(shape));
        }
        if (!Shapes.matches(a.getShape(), shape)) {
            misShaped.add(key + ": expected " + Shapes.pattern(shape) + ", got " + a.getShape());
            return manager.zeros(new Shape(shape));
        }
        return a;
    }

    /** How {@link #initialize fresh} params start, as in the official constructors. */
    public enum Init {
        ZEROS, ONES, RANDN, FILTER_1331;
    }

    private NDArray create(Init kind, long... shape) {
        Shape s = new Shape(shape);
        if (zerosOnly) {
            return manager.zeros(s);
        }
        switch (kind) {
            case ONES:
                return manager.ones(s);
            case RANDN: {
                float[] v = new float[(int) s.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) init.nextGaussian();
                }
                return manager.create(v, s);
            }
            case FILTER_1331: {
                float[] k = {1, 3, 3, 1};
                float[] v = new float[16];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        v[i * 4 + j] = k[i] * k[j] / 64f;
                    }
                }
                return manager.create(v, s);
            }
            default:
                return manager.zeros(s);
        }
    }

    /** Fails with one message listing every missing, unexpected and mis-shaped key. */
    public void verify() {
        Set<String> unexpected = new TreeSet<>(arrays.keySet());
        unexpected.removeAll(used);
        if (missing.isEmpty() && misShaped.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(source).append(": the weights do not fit the network config.");
        append(sb, "missing keys", missing);
        append(sb, "unexpected keys", unexpected);
        append(sb, "mis-shaped keys", misShaped);
        sb.append("\nFix: load the weights with the config they were trained with (config.json or the checkpoint's own config).");
        throw new IllegalArgumentException(sb.toString());
    }

    private static void append(StringBuilder sb, String what, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        sb.append("\n  ").append(keys.size()).append(' ').append(what).append(':');
        int shown = 0;
        for (String k : keys) {
            if (shown++ == 40) {
                sb.append("\n    … and ").append(keys.size() - 40).append(" more");
                break;
            }
            sb.append("\n    ").append(k);
        }
    }

    /** The array under {@code key}, or null. */
    public NDArray get(String key) {
        return arrays.get(key);
    }

    /** Every array, in state_dict order; live views, not copies. */
    public Map<String, NDArray> asMap() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    /** Every array, for {@code tempAttachAll} in a step scope. */
    public NDArray[] all() {
        return arrays.values().toArray(new NDArray[0]);
    }

    public NDManager getManager() {
        return manager;
    }

    public String getSource() {
        return source;
    }

    @Override
    public void close() {
        manager.close();
    }
}
