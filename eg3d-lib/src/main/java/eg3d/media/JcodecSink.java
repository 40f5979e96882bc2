package eg3d.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Rational;

/** Frames encoded in pure Java by jcodec's H.264 encoder and MP4 muxer. */
final class JcodecSink implements FrameSink {
    private final Path out;
    private final FileChannelWrapper channel;
    private final AWTSequenceEncoder encoder;
    private final BufferedImage frame;
    private boolean closed;

    JcodecSink(Path out, int width, int height, double fps) {
        this.out = out;
        this.frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        try {
            channel = NIOUtils.writableChannel(out.toFile());
            encoder = new AWTSequenceEncoder(channel, rational(fps));
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": jcodec could not start the video: " + e.getMessage(), e);
        }
    }

    /** fps as a fraction: whole rates exactly, others (29.97 = 30000/1001) to 1/1000. */
    static Rational rational(double fps) {
        long whole = Math.round(fps);
        if (Math.abs(fps - whole) < 1e-9) {
            return Rational.R((int) whole, 1);
        }
        return Rational.reduce((int) Math.round(fps * 1000), 1000);
    }

    @Override
    public void write(int[] rgb) {
        frame.setRGB(0, 0, frame.getWidth(), frame.getHeight(), rgb, 0, frame.getWidth());
        try {
            encoder.encodeImage(frame);
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException(out + ": jcodec could not write a frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() {
        try {
            encoder.finish();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException(out + ": jcodec could not finish the video: " + e.getMessage(), e);
        }
        closeChannel();
    }

    @Override
    public void abort() {
        closeChannel();
    }

    private void closeChannel() {
        if (!closed) {
            closed = true;
            NIOUtils.closeQuietly(channel);
        }
    }
}
