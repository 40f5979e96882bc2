package eg3d.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CheckpointTest}: starts overwriting the checkpoint given as the only
 * argument, announces on stdout once half the bytes are out, then hangs there until it is killed.
 */
public final class CheckpointCrashChild {
    static final String HALF_WRITTEN = "half written";

    private CheckpointCrashChild() {}

    public static void main(String[] args) {
        Checkpoint.write(Path.of(args[0]), CheckpointTest.sampleTensors(2f, 1000), CheckpointTest.sampleMetadata(2),
                out -> new HangHalfway(out, 2000));
    }

    private static final class HangHalfway implements WritableByteChannel {
        private final WritableByteChannel out;
        private long left;

        HangHalfway(WritableByteChannel out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (left <= 0) {
                System.out.println(HALF_WRITTEN);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // Keep hanging: only the parent's kill may end this process.
                    }
                }
            }
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) Math.min(part.remaining(), left));
            int n = out.write(part);
            src.position(src.position() + n);
            left -= n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
