package eg3d;

import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.gen.ImageMode;
import eg3d.gen.VideoJob;
import eg3d.media.Video;
import eg3d.progress.ProgressListener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native memory is owned per call: 200 generations in a row keep RSS flat. */
class MemoryTest {
    @Test
    void twoHundredGenerationsKeepRssFlat() {
        try (Eg3d eg3d = Eg3d.preset("nano", 1)) {
            long warm = 0;
            for (int i = 0; i < 220; i++) {
                long seed = i;
                try (Sample s = eg3d.generate(spec -> spec.setSeed(seed).setYaw(0.01 * seed))) {
                    s.getImage();
                }
                if (i == 19) {
                    System.gc();
                    warm = TestFixtures.rssBytes();
                }
            }
            System.gc();
            long growth = TestFixtures.rssBytes() - warm;
            System.out.printf("RSS growth over 200 generations after warm-up: %.1f MB%n", growth / 1e6);
            assertTrue(growth < 50_000_000, "RSS grew by " + growth / 1_000_000 + " MB over 200 generations");
        }
    }

    /** RSS is sampled every 20 frames; the mean of three samples after warm-up is compared with the mean of the last three. */
    @Test
    void aTwoHundredFortyFrameVideoKeepsRssFlat() {
        try (Eg3d eg3d = Eg3d.preset("nano", 2)) {
            long[] rss = new long[13];
            ProgressListener sampler = new ProgressListener() {
                @Override
                public void start(String task, long total) {}

                @Override
                public void advance(long done, String detail) {
                    if (done % 20 == 0) {
                        System.gc();
                        rss[(int) (done / 20)] = TestFixtures.rssBytes();
                    }
                }

                @Override
                public void finish(String summary) {}
            };
            Video video = new VideoJob(VideoJob.Kind.TURNTABLE, 1, 1, null, 240, 0.7f, 14, VideoJob.Cfg.FFHQ, ImageMode.IMAGE, 1, null,
                    24, new double[4]).run(eg3d.getGenerator(), List.of(4L), null, null, sampler);
            long warm = (rss[2] + rss[3] + rss[4]) / 3, end = (rss[10] + rss[11] + rss[12]) / 3;
            System.out.printf("RSS over a 240-frame video: %.1f MB after warm-up, %.1f MB at the end%n", warm / 1e6, end / 1e6);
            assertTrue(video.getFrameCount() == 240);
            assertTrue(end - warm < 50_000_000, "RSS grew by " + (end - warm) / 1_000_000 + " MB over 240 frames");
        }
    }
}
