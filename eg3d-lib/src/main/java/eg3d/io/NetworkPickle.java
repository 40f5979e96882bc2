package eg3d.io;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Imports a network pickle written by NVlabs' EG3D training loop ({@code network-snapshot-*.pkl})
 * without running anything from it.
 *
 * <p>The file is a dict {@code training_set_kwargs, G, D, G_ema, augment_pipe}. Each network is a
 * {@code torch_utils.persistence} object: a REDUCE of {@code _reconstruct_persistent_obj} with a
 * meta dict {@code {type, version, module_src, class_name, state}}. The module source is ignored;
 * {@code state} is the module's {@code __dict__}, holding {@code _init_kwargs} and the torch module
 * state. Tensors are {@code _rebuild_tensor_v2}/{@code _rebuild_parameter} over storages that are
 * nested {@code torch.save} archives ({@link TorchSaveArchive}).
 */
public final class NetworkPickle {

    /** The class G_ema must have: the bare name recorded by torch_utils.persistence. */
    public static final String TRIPLANE_GENERATOR = "TriPlaneGenerator";

    private NetworkPickle() {}

    /** Reads a snapshot; throws {@link CheckpointException} (or its subclass {@link UnsafePickleException}). */
    public static ImportedSnapshot read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CheckpointException("cannot read network pickle " + file + ": " + e + ". Check the path.", e);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + " is " + size + " bytes; network pickles over 2 GiB are not supported.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException("cannot read network pickle " + file + ": " + e, e);
        }
        return read(ByteBuffer.wrap(bytes), name, file);
    }

    static ImportedSnapshot read(ByteBuffer bytes, String name, Path file) {
        Object top = new SafeUnpickler(name, whitelist(), null).load(bytes.order(ByteOrder.LITTLE_ENDIAN));
        if (!(top instanceof Map<?, ?> dict)) {
            throw notEg3d(name, "holds a " + describe(top) + ", not an EG3D training snapshot (a dict with G, D and G_ema)");
        }
        Object gEma = dict.get("G_ema");
        if (gEma == null) {
            throw notEg3d(name, "holds a dict with keys " + dict.keySet()
                    + " and no G_ema, so it is not an EG3D training snapshot");
        }
        PickledObject gEmaModule = network(name, "G_ema", gEma);
        if (!gEmaModule.className().equals(TRIPLANE_GENERATOR)) {
            throw notEg3d(name, "holds a " + describe(gEmaModule) + " as G_ema, not an EG3D " + TRIPLANE_GENERATOR
                    + (gEmaModule.className().equals("Generator")
                            ? " (Generator is the StyleGAN2/StyleGAN3 generator class)" : ""));
        }
        PickledObject gModule = dict.get("G") == null ? null : network(name, "G", dict.get("G"));
        PickledObject dModule = dict.get("D") == null ? null : network(name, "D", dict.get("D"));
        Object nrr = gEmaModule.get("neural_rendering_resolution");
        if (!(nrr instanceof Integer resolution)) {
            throw new CheckpointException(name + ": G_ema.neural_rendering_resolution is a " + describe(nrr)
                    + ", expected an int. The snapshot is damaged or from an incompatible EG3D version.");
        }
        return new ImportedSnapshot(
                file,
                initKwargs(name, "G_ema", gEmaModule),
                dModule == null ? null : initKwargs(name, "D", dModule),
                ModuleStateDict.of(gEmaModule, name + ": G_ema"),
                gModule == null ? new LinkedHashMap<>() : ModuleStateDict.of(gModule, name + ": G"),
                dModule == null ? new LinkedHashMap<>() : ModuleStateDict.of(dModule, name + ": D"),
                resolution,
                augmentPipe(dict.get("augment_pipe"), name + ": augment_pipe"),
                dict.get("training_set_kwargs") instanceof Map<?, ?> m ? plainMap(m, name + ": training_set_kwargs") : null);
    }

    /** The globals an EG3D snapshot contains (network-snapshot.globals.json), and nothing else. */
    static PickleWhitelist whitelist() {
        return PickleWhitelist.builder()
                .addFunction("torch_utils.persistence._reconstruct_persistent_obj", NetworkPickle::persistentObject)
                .addFunction("torch._utils._rebuild_tensor_v2", TorchSaveArchive::rebuildTensor)
                .addFunction("torch._utils._rebuild_parameter", NetworkPickle::rebuildParameter)
                .addFunction("torch._utils._rebuild_parameter_with_state", NetworkPickle::rebuildParameter)
                .addFunction("torch.storage._load_from_bytes", NetworkPickle::loadFromBytes)
                .addFunction("numpy.core.multiarray.scalar", NetworkPickle::numpyScalar)
                .addFunction("numpy._core.multiarray.scalar", NetworkPickle::numpyScalar)
                .addObjectClass("numpy.dtype")
                .addDictClass("collections.OrderedDict")
                .addDictClass("dnnlib.util.EasyDict")
                // Plain torch and EG3D modules pickled by value: their state is data, their code stays unloaded.
                .addObjectClass("torch.nn.modules.activation.Softplus")
                .addObjectClass("torch.nn.modules.container.Sequential")
                .addObjectClass("training.triplane.OSGDecoder")
                .addObjectClass("training.volumetric_rendering.renderer.ImportanceRenderer")
                .addObjectClass("training.volumetric_rendering.ray_marcher.MipRayMarcher2")
                .addObjectClass("training.volumetric_rendering.ray_sampler.RaySampler")
                .build();
    }

    /** {@code _reconstruct_persistent_obj(meta)}: keeps the recorded class name and state; never the source. */
    private static PickledObject persistentObject(List<@Nullable Object> args, String where) {
        if (args.size() != 1 || !(args.get(0) instanceof Map<?, ?> meta)) {
            throw new CheckpointException(where + ": _reconstruct_persistent_obj expects one meta dict, got "
                    + args.size() + " arguments. The file is damaged.");
        }
        if (!"class".equals(meta.get("type")) || !(meta.get("class_name") instanceof String className)) {
            throw new CheckpointException(where + ": a persistent object of type " + meta.get("type")
                    + " with class_name " + describe(meta.get("class_name"))
                    + "; only persistent classes are supported.");
        }
        LinkedHashMap<String, @Nullable Object> state = new LinkedHashMap<>();
        if (meta.get("state") instanceof Map<?, ?> s) {
            s.forEach((k, v) -> state.put(String.valueOf(k), v));
        } else if (meta.get("state") != null) {
            throw new CheckpointException(where + ": persistent " + className + " has a " + describe(meta.get("state"))
                    + " as state, expected a dict.");
        }
        return new PickledObject(className, true, List.of(), state);
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks[, state])}: a parameter is its data. */
    private static HostTensor rebuildParameter(List<@Nullable Object> args, String where) {
        if (args.isEmpty() || !(args.get(0) instanceof HostTensor t)) {
            throw new CheckpointException(where + ": _rebuild_parameter of a "
                    + (args.isEmpty() ? "nothing" : describe(args.get(0))) + ", expected a tensor. The file is damaged.");
        }
        return t;
    }

    private static @Nullable Object loadFromBytes(List<@Nullable Object> args, String where) {
        if (args.size() != 1 || !(args.get(0) instanceof ByteBuffer blob)) {
            throw new CheckpointException(where + ": torch.storage._load_from_bytes expects one bytes argument.");
        }
        return TorchSaveArchive.read(blob, "the nested torch.save blob loaded at " + where);
    }

    /**
     * {@code numpy.core.multiarray.scalar(dtype, raw_bytes)}: numpy scalars that modules keep as
     * attributes (e.g. {@code weight_gain}). Returns a Double, Long or Boolean; an unknown dtype
     * is kept as a {@link PickledObject} rather than failing, since no weights depend on it.
     */
    private static Object numpyScalar(List<@Nullable Object> args, String where) {
        if (args.size() == 2 && args.get(0) instanceof PickledObject dtype && "numpy.dtype".equals(dtype.className())
                && !dtype.args().isEmpty() && dtype.args().get(0) instanceof String descr
                && args.get(1) instanceof ByteBuffer raw) {
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (dtype.get("__setstate__") instanceof List<?> s && s.size() > 1 && ">".equals(s.get(1))) {
                order = ByteOrder.BIG_ENDIAN;
            }
            ByteBuffer b = raw.duplicate().order(order);
            int n = b.remaining();
            switch (descr) {
                case "f8": if (n == 8) return b.getDouble(0); break;
                case "f4": if (n == 4) return (double) b.getFloat(0); break;
                case "i8", "u8": if (n == 8) return b.getLong(0); break;
                case "i4": if (n == 4) return (long) b.getInt(0); break;
                case "u4": if (n == 4) return b.getInt(0) & 0xffffffffL; break;
                case "i2": if (n == 2) return (long) b.getShort(0); break;
                case "u2": if (n == 2) return (long) (b.getShort(0) & 0xffff); break;
                case "i1": if (n == 1) return (long) b.get(0); break;
                case "u1": if (n == 1) return (long) (b.get(0) & 0xff); break;
                case "b1": if (n == 1) return b.get(0) != 0; break;
                default: break;
            }
        }
        return new PickledObject("numpy.core.multiarray.scalar", false, args, new LinkedHashMap<>());
    }

    private static PickledObject network(String name, String key, @Nullable Object value) {
        if (!(value instanceof PickledObject obj)) {
            throw notEg3d(name, "holds a " + describe(value) + " as " + key + ", not a torch network");
        }
        return obj;
    }

    private static Map<String, @Nullable Object> initKwargs(String name, String key, PickledObject module) {
        Object args = module.get("_init_args");
        if (args instanceof List<?> l && !l.isEmpty()) {
            throw new CheckpointException(name + ": " + key + " was constructed with " + l.size()
                    + " positional arguments; EG3D networks take keyword arguments only, so this is not an EG3D snapshot.");
        }
        if (!(module.get("_init_kwargs") instanceof Map<?, ?> kwargs)) {
            throw new CheckpointException(name + ": " + key + " has no recorded _init_kwargs, so its config cannot be"
                    + " rebuilt. Only snapshots of torch_utils.persistence networks can be imported.");
        }
        return plainMap(kwargs, name + ": " + key + "._init_kwargs");
    }

    /** AugmentPipe is optional data for training; anything odd about it is kept, never fatal. */
    private static @Nullable Map<String, @Nullable Object> augmentPipe(@Nullable Object value, String where) {
        if (value == null) {
            return null;
        }
        LinkedHashMap<String, @Nullable Object> out = new LinkedHashMap<>();
        if (!(value instanceof PickledObject pipe)) {
            out.put("class_name", describe(value));
            return out;
        }
        out.put("class_name", pipe.className());
        if (pipe.get("_init_kwargs") instanceof Map<?, ?> kwargs) {
            out.put("init_kwargs", plainMap(kwargs, where));
        }
        if (pipe.get("_buffers") instanceof Map<?, ?> buffers && buffers.get("p") instanceof HostTensor p && p.numel() == 1) {
            out.put("p", (double) p.toFloatArray()[0]);
        }
        return out;
    }

    /**
     * Deep copy into JSON-like Java values: maps with string keys, lists, numbers, strings, booleans,
     * null. Pickles can build self-referencing containers, so depth is bounded.
     */
    static Map<String, @Nullable Object> plainMap(Map<?, ?> map, String where) {
        return plainMap(map, where, 0);
    }

    private static Map<String, @Nullable Object> plainMap(Map<?, ?> map, String where, int depth) {
        LinkedHashMap<String, @Nullable Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), plain(v, where, depth + 1)));
        return out;
    }

    private static @Nullable Object plain(@Nullable Object v, String where, int depth) {
        if (depth > ModuleStateDict.MAX_DEPTH) {
            throw new CheckpointException(where + " nests deeper than " + ModuleStateDict.MAX_DEPTH
                    + " levels (a container that contains itself?); the snapshot is damaged or crafted.");
        }
        if (v instanceof Map<?, ?> m) {
            return plainMap(m, where, depth);
        }
        if (v instanceof Collection<?> c) {
            List<@Nullable Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(plain(x, where, depth + 1)));
            return out;
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof SafeUnpickler.Global g) {
            return g.qualifiedName();
        }
        return describe(v); // tensors or objects inside kwargs: keep a readable mark, not the object
    }

    private static CheckpointException notEg3d(String name, String what) {
        return new CheckpointException(name + " " + what + ". Pass a network-snapshot-*.pkl from EG3D training"
                + " or a native .ckpt checkpoint.");
    }

    private static String describe(@Nullable Object value) {
        if (value instanceof PickledObject o && o.persistent()) {
            return "persistent " + o.className();
        }
        return SafeUnpickler.typeNameOf(value);
    }
}
