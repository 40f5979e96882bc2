package eg3d.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which H.264 encoder writes videos. The {@code ffmpeg} binary gives files about 4× smaller at better
 * quality, so it is used whenever it is on the PATH; jcodec, in pure Java, keeps a bare machine working.
 */
public enum VideoEncoder {
    /** The ffmpeg binary through a pipe: rawvideo rgb24 in, libx264 yuv420p MP4 with faststart out. */
    FFMPEG,
    /** org.jcodec's pure-Java H.264 encoder and MP4 muxer. */
    JCODEC;

    /** System property that forces an encoder: {@code ffmpeg}, {@code jcodec} or {@code auto} (the default). */
    public static final String PROPERTY = "eg3d.video.encoder";

    /** The encoder named by {@link #PROPERTY}, or ffmpeg when it is on the PATH and jcodec otherwise. */
    public static VideoEncoder select() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "auto", "" -> findFfmpeg() != null ? FFMPEG : JCODEC;
            case "ffmpeg" -> FFMPEG;
            case "jcodec" -> JCODEC;
            default -> throw new IllegalArgumentException("system property " + PROPERTY + "=" + wanted
                    + " is not an encoder; use ffmpeg, jcodec or auto");
        };
    }

    /** The ffmpeg executable on the PATH, or null. */
    static @Nullable Path findFfmpeg() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
