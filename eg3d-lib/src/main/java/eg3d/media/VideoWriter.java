package eg3d.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Encodes frames into an H.264 MP4 as they arrive, so a long turntable never holds all its frames.
 *
 * <p>H.264 in yuv420p needs even sizes, so an odd width or height is padded by repeating the last
 * column or row; {@link #getWidth()} and {@link #getHeight()} give the encoded size.
 *
 * <pre>{@code
 * try (VideoWriter writer = VideoWriter.open(Path.of("out/turntable.mp4"), 512, 512, 30)) {
 *     for (BufferedImage frame : frames) writer.addFrame(frame);
 *     writer.finish();
 * }
 * }</pre>
 * Closing without {@link #finish()} (after an exception, say) stops the encoder and deletes the
 * partial file.
 */
public final class VideoWriter implements AutoCloseable {
    private final Path file;
    private final boolean temporary;   // in-memory video: the file is ours to delete
    private final int frameWidth, frameHeight;
    private final int width, height;
    private final double fps;
    private final VideoEncoder encoder;
    private final FrameSink sink;
    private int frameCount;
    private @Nullable Video finished;
    private boolean closed;

    private VideoWriter(Path file, boolean temporary, int frameWidth, int frameHeight, double fps, VideoEncoder encoder) {
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("video " + file + ": size " + frameWidth + "x" + frameHeight
                    + " must be positive");
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("video " + file + ": fps " + fps + " must be positive and finite");
        }
        this.file = file;
        this.temporary = temporary;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.width = frameWidth + (frameWidth & 1);
        this.height = frameHeight + (frameHeight & 1);
        this.fps = fps;
        this.encoder = encoder;
        if (encoder == VideoEncoder.FFMPEG) {
            Path ffmpeg = VideoEncoder.findFfmpeg();
            if (ffmpeg == null) {
                throw new IllegalStateException("video " + file + ": the ffmpeg encoder was asked for, but no "
                        + "ffmpeg is on the PATH. Install it (apt-get install ffmpeg) or set -D"
                        + VideoEncoder.PROPERTY + "=jcodec.");
            }
            sink = new FfmpegSink(ffmpeg, file, width, height, fps);
        } else {
            sink = new JcodecSink(file, width, height, fps);
        }
    }

    /** A writer for {@code out} with the encoder {@link VideoEncoder#select()} picks. */
    public static VideoWriter open(Path out, int width, int height, double fps) {
        return open(out, width, height, fps, VideoEncoder.select());
    }

    /** A writer for {@code out} with the given encoder. */
    public static VideoWriter open(Path out, int width, int height, double fps, VideoEncoder encoder) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": could not create the video's folder: " + e.getMessage(), e);
        }
        return new VideoWriter(out, false, width, height, fps, encoder);
    }

    /** A writer whose {@link #finish()} gives the video in memory; frames go through a temporary file. */
    public static VideoWriter inMemory(int width, int height, double fps) {
        return inMemory(width, height, fps, VideoEncoder.select());
    }

    /** As {@link #inMemory(int, int, double)}, with the given encoder. */
    public static VideoWriter inMemory(int width, int height, double fps, VideoEncoder encoder) {
        Path file;
        try {
            file = Files.createTempFile("eg3d-video-", ".mp4");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary file for a video: " + e.getMessage(), e);
        }
        try {
            return new VideoWriter(file, true, width, height, fps, encoder);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Encodes one frame; it must have the size the writer was opened with. */
    public void addFrame(BufferedImage frame) {
        if (closed || finished != null) {
            throw new IllegalStateException("video " + file + ": addFrame after " + (closed ? "close" : "finish"));
        }
        if (frame.getWidth() != frameWidth || frame.getHeight() != frameHeight) {
            throw new IllegalArgumentException("video " + file + ": frame " + frameCount + " is " + frame.getWidth()
                    + "x" + frame.getHeight() + " but the video was opened at " + frameWidth + "x" + frameHeight);
        }
        try {
            sink.write(padToEven(Images.rgbPixels(frame)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        frameCount++;
    }

    /** Completes the file and returns the video; further calls return the same video. */
    public Video finish() {
        if (finished != null) {
            return finished;
        }
        if (closed) {
            throw new IllegalStateException("video " + file + ": finish after close");
        }
        if (frameCount == 0) {
            close();
            throw new IllegalStateException("video " + file + ": no frames were added; a video needs at least one");
        }
        try {
            sink.finish();
            byte[] mp4 = Files.readAllBytes(file);
            finished = new Video(mp4, width, height, fps, frameCount);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(file + ": could not read back the encoded video: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (temporary) {
            deleteQuietly(file);
        }
        closed = true;
        return finished;
    }

    /** After {@link #finish()}, nothing; before it, stops the encoder and deletes the partial file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (finished == null) {
            sink.abort();
            deleteQuietly(file);
        }
    }

    /** Encoded width: the frame width, rounded up to even. */
    public int getWidth() {
        return width;
    }

    /** Encoded height: the frame height, rounded up to even. */
    public int getHeight() {
        return height;
    }

    public double getFps() {
        return fps;
    }

    public int getFrameCount() {
        return frameCount;
    }

    public VideoEncoder getEncoder() {
        return encoder;
    }

    private int[] padToEven(int[] rgb) {
        if (width == frameWidth && height == frameHeight) {
            return rgb;
        }
        int[] padded = new int[width * height];
        for (int y = 0; y < height; y++) {
            int sy = Math.min(y, frameHeight - 1);
            System.arraycopy(rgb, sy * frameWidth, padded, y * width, frameWidth);
            if (width > frameWidth) {
                padded[y * width + frameWidth] = rgb[sy * frameWidth + frameWidth - 1];
            }
        }
        return padded;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file is harmless, and the caller's real error matters more
        }
    }
}
