package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A parameterless TorchScript module written at run time, to reach PyTorch operators DJL does not
 * expose ({@code grid_sampler}, {@code autograd.grad}). The archive is the standard TorchScript
 * zip (class source under {@code code/}, the module object in {@code data.pkl}), built in memory
 * so no file ships. Calls keep autograd: results carry their graph to the inputs.
 */
public final class TorchScriptModule implements AutoCloseable {
    private final NDManager manager;
    private final PtSymbolBlock module;

    /**
     * @param className name of the TorchScript class (a Python identifier)
     * @param methods   the class body's methods, each written as TorchScript with
     *                  {@code self: __torch__.CLASSNAME} as first argument
     */
    public TorchScriptModule(NDManager parent, String className, String methods) {
        this.manager = parent.newSubManager();
        try {
            module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive(className, methods)), true, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("TorchScript helper " + className + ": could not load: " + e.getMessage(), e);
        }
    }

    /** Calls {@code method}; the results belong to {@code out}. */
    public NDList call(String method, NDManager out, NDArray... args) {
        NDArray marker = out.create(0f);
        marker.setName("module_method:" + method);
        NDList in = new NDList(args.length + 1);
        in.add(marker);
        in.addAll(java.util.Arrays.asList(args));
        // The graph executor's optimiser profiles the first calls and then swaps in a fused graph
        // whose float rounding differs, so results would depend on how often a helper ran before:
        // a resumed run would not continue bit for bit. The setting is per thread, so it is set here.
        JniUtils.setGraphExecutorOptimize(false);
        NDList result = IValueUtils.forward(module, in, true);
        marker.close();
        result.attach(out);
        return result;
    }

    /** The TorchScript archive of a parameterless module with the given methods, as {@code torch.jit.load} reads it. */
    public static byte[] archive(String className, String methods) throws IOException {
        String source = "class " + className + "(Module):\n  __parameters__ = []\n  __buffers__ = []\n  training : bool\n" + methods;
        String dir = className.toLowerCase();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, dir + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, dir + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});           // PROTO 2, (), STOP
            stored(zip, dir + "/data.pkl", moduleObjectPickle(className));
            stored(zip, dir + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Pickle of a {@code __torch__.CLASSNAME} object whose one attribute, {@code training}, is false. */
    private static byte[] moduleObjectPickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);                                                                  // PROTO 2
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')');                                                                // EMPTY_TUPLE
        p.write(0x81);                                                               // NEWOBJ
        p.write('}');                                                                // EMPTY_DICT
        p.write('(');                                                                // MARK
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        p.write('X');                                                                // BINUNICODE
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89);                                                               // NEWFALSE
        p.write('u');                                                                // SETITEMS
        p.write('b');                                                                // BUILD
        p.write('.');                                                                // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
