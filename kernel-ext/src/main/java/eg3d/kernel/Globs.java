package eg3d.kernel;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Expands IJava-style path lists: entries separated by the path separator, each a path or a glob. */
final class Globs {
    private Globs() {}

    static List<Path> expand(String pathList) {
        List<Path> out = new ArrayList<>();
        for (String entry : pathList.split(File.pathSeparator)) {
            if (!entry.isBlank()) out.addAll(expandOne(entry.trim()));
        }
        return out;
    }

    static List<Path> expandOne(String entry) {
        if (!entry.contains("*") && !entry.contains("?") && !entry.contains("[") && !entry.contains("{")) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p.toAbsolutePath() + " does not exist; check the path (it is read from "
                        + "the kernel's working directory " + Path.of("").toAbsolutePath() + ")");
            }
            return List.of(p.toAbsolutePath());
        }
        List<Path> out = new ArrayList<>();
        try {
            for (Path p : new GlobFinder(entry).computeMatchingPaths()) out.add(p.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expand the glob " + entry + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }
}
