package eg3d.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The project's own checkpoint: one safetensors file whose tensors are named {@code G.…},
 * {@code D.…}, {@code G_ema.…} (official state_dict keys after the prefix) and {@code opt.…}
 * (optimizer state), and whose {@code __metadata__} holds {@code "format": "pt"} and
 * {@code "eg3d"}: a JSON document with the config, kimg, schedules, augment p, RNG state and
 * provenance. Layout: {@code docs/checkpoint-format.md}.
 *
 * <p>Writes are atomic: a hidden {@code .NAME.RANDOM.partial} file in the same directory is
 * written, forced to disk, then renamed over {@code NAME}. A crash at any point leaves the
 * previous checkpoint intact; a left-over partial file never ends in the checkpoint's name and is
 * removed by the next successful write of the same checkpoint.
 *
 * @param tensors every tensor, prefixed, in file order
 * @param metadata the {@code eg3d} JSON document
 */
public record Checkpoint(LinkedHashMap<String, HostTensor> tensors, ObjectNode metadata) {

    public static final String G = "G.";
    public static final String D = "D.";
    public static final String G_EMA = "G_ema.";
    public static final String OPTIMIZER = "opt.";
    /** {@code metadata.format}: identifies our files among other safetensors files. */
    public static final String FORMAT = "eg3d-checkpoint";
    /** {@code metadata.format_version}: raised when the layout changes incompatibly. */
    public static final int FORMAT_VERSION = 1;
    /** The {@code __metadata__} key that holds the JSON document. */
    public static final String METADATA_KEY = "eg3d";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTIAL_SUFFIX = ".partial";

    /** The tensors under {@code prefix} (e.g. {@link #G_EMA}), with the prefix removed; empty if none. */
    public LinkedHashMap<String, HostTensor> network(String prefix) {
        LinkedHashMap<String, HostTensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * Writes {@code file} atomically. {@code format} and {@code format_version} are set in the
     * stored metadata; the caller's node is not modified.
     */
    public static void write(Path file, Map<String, HostTensor> tensors, ObjectNode metadata) {
        write(file, tensors, metadata, UnaryOperator.identity());
    }

    /** As {@link #write(Path, Map, ObjectNode)}; {@code channel} wraps the output (tests inject failures there). */
    static void write(Path file, Map<String, HostTensor> tensors, ObjectNode metadata,
            UnaryOperator<WritableByteChannel> channel) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        ObjectNode stored = JSON.createObjectNode();
        stored.put("format", FORMAT);
        stored.put("format_version", FORMAT_VERSION);
        metadata.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("format") && !f.getKey().equals("format_version")) {
                stored.set(f.getKey(), f.getValue());
            }
        });
        Path partial = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + PARTIAL_SUFFIX);
        try {
            Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Safetensors.write(channel.apply(out), tensors,
                        Map.of("format", "pt", METADATA_KEY, JSON.writeValueAsString(stored)));
                out.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The original failure is the one worth reporting; the partial name cannot be mistaken.
            }
            throw new CheckpointException("could not write checkpoint " + target + ": " + e
                    + ". The previous file at that path, if any, is unchanged. Check free space and permissions.", e);
        }
        syncDirectory(dir);
        removeStalePartials(dir, name);
    }

    /** Reads and validates a checkpoint written by {@link #write}. */
    public static Checkpoint read(Path file) {
        Safetensors.Content content;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            content = Safetensors.read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist. Check the path.", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e, e);
        }
        String json = content.metadata().get(METADATA_KEY);
        if (json == null) {
            throw new CheckpointException(file + " is a safetensors file without __metadata__." + METADATA_KEY
                    + ", so it was not written by eg3d and holds no config. Convert the original network with"
                    + " `./eg3d convert IN.pkl OUT.ckpt`.");
        }
        JsonNode meta;
        try {
            meta = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": __metadata__." + METADATA_KEY + " is not valid JSON ("
                    + e.getOriginalMessage() + "). The file is damaged; use an earlier checkpoint.", e);
        }
        if (!(meta instanceof ObjectNode object) || !FORMAT.equals(meta.path("format").asText())) {
            throw new CheckpointException(file + ": __metadata__." + METADATA_KEY + ".format is "
                    + meta.path("format") + ", expected \"" + FORMAT + "\". The file is not an eg3d checkpoint.");
        }
        int version = meta.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new CheckpointException(file + ": format_version " + meta.path("format_version")
                    + " is not supported (this build reads 1 to " + FORMAT_VERSION + "). Use a newer eg3d.");
        }
        return new Checkpoint(content.tensors(), object);
    }

    /** True for the hidden temporary files {@link #write} uses; such a file is never a checkpoint. */
    public static boolean isPartialFile(Path path) {
        String n = path.getFileName() == null ? "" : path.getFileName().toString();
        return n.startsWith(".") && n.endsWith(PARTIAL_SUFFIX);
    }

    /** Makes the rename itself durable. Not every platform can open a directory; there we rely on the OS. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories as channels; NTFS journals the rename instead.
        }
    }

    /** Partial files of this checkpoint left by a crash: the completed write supersedes them. */
    private static void removeStalePartials(Path dir, String name) {
        String prefix = "." + name + ".";
        DirectoryStream.Filter<Path> mine = p -> isPartialFile(p) && p.getFileName().toString().startsWith(prefix);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, mine)) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Leftovers waste space but cannot be mistaken for the checkpoint, so this is not an error.
        }
    }
}
