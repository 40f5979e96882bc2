package eg3d.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** An encoded H.264 MP4 held in memory, with the facts a viewer needs to show it. */
public final class Video {
    private final byte[] mp4;
    private final int width, height;
    private final double fps;
    private final int frameCount;

    /** mp4 is kept as given, not copied. */
    public Video(byte[] mp4, int width, int height, double fps, int frameCount) {
        if (width <= 0 || height <= 0 || !(fps > 0) || frameCount < 0) {
            throw new IllegalArgumentException("video: width " + width + ", height " + height + ", fps " + fps
                    + " and frameCount " + frameCount + " must be positive (frameCount may be 0)");
        }
        this.mp4 = mp4;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.frameCount = frameCount;
    }

    /** Encodes same-size frames in memory, with the encoder {@link VideoEncoder#select()} picks. */
    public static Video encode(List<BufferedImage> frames, double fps) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("Video.encode: no frames given");
        }
        BufferedImage first = frames.get(0);
        try (VideoWriter writer = VideoWriter.inMemory(first.getWidth(), first.getHeight(), fps)) {
            for (BufferedImage frame : frames) {
                writer.addFrame(frame);
            }
            return writer.finish();
        }
    }

    /** The MP4 file's bytes (shared, not copied). */
    public byte[] getMp4() {
        return mp4;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public double getFps() {
        return fps;
    }

    public int getFrameCount() {
        return frameCount;
    }

    public double getDurationSeconds() {
        return frameCount / fps;
    }

    /** Writes the MP4 file, creating its folder if needed. */
    public void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, mp4);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not save the video: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Video[%dx%d, %d frames at %s fps, %d bytes]",
                width, height, frameCount, fps, mp4.length);
    }
}
