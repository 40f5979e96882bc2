package eg3d.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a dataset in the EG3D format, as a ZIP archive (when the destination ends in
 * {@code .zip}) or a folder. Everything is built in a hidden temporary file or folder next to the
 * destination and renamed into place by {@link #commit()}; closing without committing deletes it,
 * so a failure never leaves a half-written dataset at the destination.
 *
 * <p>Images are stored uncompressed in the archive (PNG and JPEG are compressed already, and
 * reading is faster); other files (depth maps, parameters) are deflated.
 */
public final class DatasetWriter implements AutoCloseable {
    private final Path dest;
    private final Path temp;
    private final @Nullable ZipOutputStream zip;
    private final LinkedHashMap<String, float[]> labels = new LinkedHashMap<>();
    private boolean committed;

    private DatasetWriter(Path dest, Path temp, @Nullable ZipOutputStream zip) {
        this.dest = dest;
        this.temp = temp;
        this.zip = zip;
    }

    /** Starts a dataset at {@code dest}, which must not exist yet. */
    public static DatasetWriter create(Path dest) {
        Path absolute = dest.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new DatasetException(dest + ": already exists; remove it or choose another --dest (datasets are never overwritten)");
        }
        Path parent = absolute.getParent();
        Path temp = parent.resolve("." + absolute.getFileName() + ".partial-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(parent);
            if (isZip(dest)) {
                return new DatasetWriter(absolute, temp, new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)));
            }
            Files.createDirectory(temp);
            return new DatasetWriter(absolute, temp, null);
        } catch (IOException e) {
            throw new DatasetException(dest + ": cannot create (" + e + "); check that the folder is writable", e);
        }
    }

    static boolean isZip(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** The official layout: 1000 images per folder, {@code 00000/img00000000.png}. */
    public static String imageName(int index, String extension) {
        return String.format("%05d/img%08d.%s", index / 1000, index, extension);
    }

    /** Adds an encoded PNG or JPEG under {@code name} with its label, which must pass {@link CameraLabels#check}. */
    public void addImage(String name, byte[] encoded, float[] label) {
        if (!DatasetSource.isImage(name)) {
            throw new IllegalArgumentException(name + ": image names must end in .png, .jpg or .jpeg");
        }
        CameraLabels.check(label, dest + ": label of " + name);
        if (labels.containsKey(name)) {
            throw new IllegalArgumentException(dest + ": image '" + name + "' was added twice");
        }
        write(name, encoded, false);
        labels.put(name, label.clone());
    }

    /** Adds any other file (a depth map, parameters); it must not be an image, or the reader would ask for its label. */
    public void addFile(String name, byte[] bytes) {
        if (DatasetSource.isImage(name) || name.equals(DatasetJson.FILE_NAME)) {
            throw new IllegalArgumentException(name + ": extra files must not be images or dataset.json");
        }
        write(name, bytes, true);
    }

    public int imageCount() {
        return labels.size();
    }

    private void write(String name, byte[] bytes, boolean compress) {
        try {
            if (zip != null) {
                ZipEntry entry = new ZipEntry(name);
                if (!compress) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            } else {
                Path file = temp.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            }
        } catch (IOException e) {
            throw new DatasetException(dest + ": cannot write " + name + " (" + e + "); check the free space", e);
        }
    }

    /** Writes dataset.json and moves the finished dataset to its destination. */
    public void commit() {
        if (labels.isEmpty()) {
            throw new DatasetException(dest + ": no images were written, so no dataset was made");
        }
        write(DatasetJson.FILE_NAME, DatasetJson.write(labels), true);
        try {
            if (zip != null) {
                zip.close();
            }
            if (Files.exists(dest)) {
                throw new DatasetException(dest + ": appeared while the dataset was being written; remove it or choose another --dest");
            }
            try {
                Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, dest);
            }
            committed = true;
        } catch (IOException e) {
            throw new DatasetException(dest + ": cannot move the finished dataset into place (" + e + ")", e);
        }
    }

    /** Deletes the temporary output unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            if (zip != null) {
                zip.close();
            }
        } catch (IOException ignored) {
            // The partial archive is deleted next; a failed close changes nothing.
        }
        deleteRecursively(temp);
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot delete the partial dataset: " + e.getMessage(), e);
        }
    }

}
