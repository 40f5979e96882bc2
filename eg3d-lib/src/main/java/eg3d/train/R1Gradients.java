package eg3d.train;

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
 * The R1 penalty Σ|∂logits/∂image|² + Σ|∂logits/∂image_raw|² per sample, with its graph, so that
 * a backward of the penalty reaches D's parameters (a double backward).
 *
 * <p>DJL has no {@code torch.autograd.grad}. Its only route, a {@code create_graph} backward,
 * stores graph-carrying gradients in every parameter's {@code .grad}; that closes a reference
 * cycle (parameter → grad → graph → parameter) which DJL cannot break, and leaks about 0.5 MB a
 * step. So this class writes a one-method TorchScript module at run time, whose method calls
 * {@code torch.autograd.grad(create_graph=True)}: gradients go to the caller only, never into
 * {@code .grad}, and nothing leaks. The archive is the standard TorchScript zip (class source
 * under {@code code/}, the module object in {@code data.pkl}), built here so no file ships.
 */
public final class R1Gradients implements AutoCloseable {
    private static final String METHOD = "r1";
    private static final String SOURCE = String.join("\n",
            "class R1(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def r1(self: __torch__.R1, logits: Tensor, image: Tensor, raw: Tensor) -> Tensor:",
            "    grads = torch.autograd.grad([torch.sum(logits)], [image, raw], None, None, True)",
            "    gi = grads[0]",
            "    gr = grads[1]",
            "    if gi is not None:",
            "      if gr is not None:",
            "        a = torch.sum(torch.square(gi), [1, 2, 3])",
            "        b = torch.sum(torch.square(gr), [1, 2, 3])",
            "        return torch.add(a, b)",
            "    return torch.zeros_like(torch.sum(logits, [1]))",
            "");

    private final NDManager manager;
    private final PtSymbolBlock module;

    /** Builds and loads the helper module on a sub-manager of {@code parent}. */
    public R1Gradients(NDManager parent) {
        this.manager = parent.newSubManager();
        try {
            module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive()), true, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("R1 helper: could not load the TorchScript module: " + e.getMessage(), e);
        }
    }

    /**
     * logits [N,1] computed (under autograd) from the leaves {@code image} and {@code raw}, both
     * requiring grad → penalty [N] on logits' manager, differentiable with respect to D's parameters.
     */
    public NDArray penalty(NDArray logits, NDArray image, NDArray raw) {
        NDManager out = logits.getManager();
        NDArray marker = out.create(0f);
        marker.setName("module_method:" + METHOD);
        NDList result = IValueUtils.forward(module, new NDList(marker, logits, image, raw), true);
        marker.close();
        NDArray penalty = result.singletonOrThrow();
        penalty.attach(out);
        return penalty;
    }

    /** The TorchScript archive: version, constants, the module object and its class source. */
    static byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "r1/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "r1/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});       // PROTO 2, (), STOP
            stored(zip, "r1/data.pkl", moduleObjectPickle());
            stored(zip, "r1/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Pickle of an {@code __torch__.R1} object whose one attribute, {@code training}, is false. */
    private static byte[] moduleObjectPickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);                                                     // PROTO 2
        p.writeBytes("c__torch__\nR1\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL __torch__.R1
        p.write(')');                                                   // EMPTY_TUPLE
        p.write(0x81);                                                  // NEWOBJ
        p.write('}');                                                   // EMPTY_DICT
        p.write('(');                                                   // MARK
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        p.write('X');                                                   // BINUNICODE
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89);                                                  // NEWFALSE
        p.write('u');                                                   // SETITEMS
        p.write('b');                                                   // BUILD
        p.write('.');                                                   // STOP
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
