package eg3d.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a dataset, in a ZIP archive or a folder, under '/'-separated relative names.
 * Reads are thread-safe, so images can be decoded in parallel.
 */
abstract class DatasetSource implements AutoCloseable {
    final Path path;

    private DatasetSource(Path path) {
        this.path = path;
    }

    static DatasetSource open(Path path) {
        if (Files.isDirectory(path)) {
            return new Folder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(path + ": no such file or folder; give a .zip archive or a folder of images with dataset.json");
        }
        try {
            return new Zip(path, new ZipFile(path.toFile()));
        } catch (IOException e) {
            throw new DatasetException(path + ": not a readable ZIP archive (" + e.getMessage()
                    + "); give a .zip made by ./eg3d dataset-tool, or a folder", e);
        }
    }

    /** Every file, sorted by name; folders are not listed. */
    abstract List<String> names();

    abstract boolean exists(String name);

    abstract byte[] read(String name);

    /** Where a file is, for messages: {@code data.zip:00000/img0.png} or {@code data/00000/img0.png}. */
    abstract String where(String name);

    static boolean isImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    @Override
    public void close() {}

    private static final class Folder extends DatasetSource {
        Folder(Path path) {
            super(path);
        }

        @Override
        List<String> names() {
            try (Stream<Path> files = Files.walk(path)) {
                List<String> names = new ArrayList<>();
                files.filter(Files::isRegularFile).forEach(f -> names.add(path.relativize(f).toString().replace('\\', '/')));
                Collections.sort(names);
                return names;
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot list the folder: " + e.getMessage(), e);
            }
        }

        @Override
        boolean exists(String name) {
            return Files.isRegularFile(path.resolve(name));
        }

        @Override
        byte[] read(String name) {
            try {
                return Files.readAllBytes(path.resolve(name));
            } catch (IOException e) {
                throw new DatasetException(where(name) + ": cannot read (" + e + "); check the file's permissions", e);
            }
        }

        @Override
        String where(String name) {
            return path.resolve(name).toString();
        }
    }

    private static final class Zip extends DatasetSource {
        private final ZipFile zip;

        Zip(Path path, ZipFile zip) {
            super(path);
            this.zip = zip;
        }

        @Override
        List<String> names() {
            List<String> names = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
            Collections.sort(names);
            return names;
        }

        @Override
        boolean exists(String name) {
            ZipEntry e = zip.getEntry(name);
            return e != null && !e.isDirectory();
        }

        @Override
        byte[] read(String name) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new DatasetException(where(name) + ": no such entry in the archive");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new DatasetException(where(name) + ": cannot read (" + e + "); the archive may be damaged, re-create it", e);
            }
        }

        @Override
        String where(String name) {
            return path + ":" + name;
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot close: " + e.getMessage(), e);
            }
        }
    }
}
