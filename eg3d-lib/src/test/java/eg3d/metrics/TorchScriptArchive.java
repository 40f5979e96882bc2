package eg3d.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a minimal TorchScript archive (a parameter-free module whose {@code forward} is given as
 * TorchScript source), so detector tests need neither Python nor a download.
 *
 * <p>The layout is what {@code torch.jit.load} reads: {@code NAME/version}, the module object in
 * {@code NAME/data.pkl} (pickle protocol 2: the class global, NEWOBJ, then BUILD with its
 * attributes), the class source in {@code NAME/code/__torch__.py}, and an empty constants tuple.
 * Entries are stored uncompressed, as torch writes them.
 */
final class TorchScriptArchive {
    private TorchScriptArchive() {}

    /** Writes {@code dir/name.pt}: class {@code className} with the given forward body (4-space indented lines). */
    static Path write(Path dir, String name, String className, String forwardBody) {
        String code = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + className + ",\n"
                + "    x: Tensor) -> Tensor:\n"
                + forwardBody;
        Path file = dir.resolve(name + ".pt");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, name + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, name + "/data.pkl", modulePickle(className));
            stored(zip, name + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(zip, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** __torch__.CLASS() with its state {"training": False}, as a protocol-2 pickle. */
    private static byte[] modulePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')');   // EMPTY_TUPLE: no constructor arguments
        p.write(0x81);  // NEWOBJ
        p.write('}');   // EMPTY_DICT: the attribute state
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');   // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89);  // NEWFALSE
        p.write('s');   // SETITEM
        p.write('b');   // BUILD: sets the attributes
        p.write('.');   // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
