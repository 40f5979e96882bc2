package eg3d.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Frames piped to an ffmpeg process as rawvideo rgb24, encoded with libx264 into an MP4 file. */
final class FfmpegSink implements FrameSink {
    private final Path out;
    private final Path log;        // ffmpeg's stderr: a file, so a full pipe can never stall the encoder
    private final Process process;
    private final OutputStream stdin;
    private final byte[] frameBytes;

    FfmpegSink(Path ffmpeg, Path out, int width, int height, double fps) {
        this.out = out;
        this.frameBytes = new byte[3 * width * height];
        List<String> command = List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height,
                "-framerate", BigDecimal.valueOf(fps).stripTrailingZeros().toPlainString(), "-i", "pipe:0",
                "-an", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", // yuv420p: browsers play nothing else
                "-movflags", "+faststart", "-f", "mp4", out.toString());
        try {
            log = Files.createTempFile("eg3d-ffmpeg-", ".log");
            process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + ffmpeg + " to write " + out + ": " + e.getMessage()
                    + ". Install ffmpeg (apt-get install ffmpeg) or set -D" + VideoEncoder.PROPERTY + "=jcodec.", e);
        }
        stdin = new BufferedOutputStream(process.getOutputStream(), frameBytes.length);
    }

    @Override
    public void write(int[] rgb) {
        for (int i = 0, j = 0; i < rgb.length; i++) {
            frameBytes[j++] = (byte) (rgb[i] >> 16);
            frameBytes[j++] = (byte) (rgb[i] >> 8);
            frameBytes[j++] = (byte) rgb[i];
        }
        try {
            stdin.write(frameBytes);
        } catch (IOException e) {
            // A broken pipe means ffmpeg has quit; its own message says why.
            int exit = waitFor();
            String message = failure(exit);
            abort();
            throw new IllegalStateException(message, e);
        }
    }

    @Override
    public void finish() {
        try {
            stdin.close();
        } catch (IOException e) {
            // ffmpeg already quit; the exit code and its log below say why.
        }
        int exit = waitFor();
        if (exit != 0) {
            String message = failure(exit);
            abort();
            throw new IllegalStateException(message);
        }
        deleteLog();
    }

    @Override
    public void abort() {
        process.destroyForcibly();
        waitFor();
        deleteLog();
    }

    private int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ffmpeg was writing " + out, e);
        }
    }

    private String failure(int exit) {
        String stderr;
        try {
            stderr = Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            stderr = "(its log could not be read: " + e.getMessage() + ")";
        }
        if (stderr.length() > 4000) {
            stderr = "..." + stderr.substring(stderr.length() - 4000);
        }
        return "ffmpeg failed (exit code " + exit + ") writing " + out + ":\n" + (stderr.isEmpty() ? "(no output)" : stderr)
                + "\nCheck that this ffmpeg has libx264 (ffmpeg -encoders | grep 264), or set -D"
                + VideoEncoder.PROPERTY + "=jcodec.";
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log in the temp folder is harmless
        }
    }
}
