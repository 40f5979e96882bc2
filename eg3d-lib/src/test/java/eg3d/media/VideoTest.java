package eg3d.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(VideoEncoder.PROPERTY);
    }

    /** Frames whose left half is red and right half blue, with a white bar on rows 2f and 2f + 1 of frame f. */
    static List<BufferedImage> frames(int width, int height, int count) {
        List<BufferedImage> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, y / 2 == f ? 0xFFFFFF : x < width / 2 ? 0xFF0000 : 0x0000FF);
                }
            }
            frames.add(image);
        }
        return frames;
    }

    @Test
    void ffmpegWritesH264Yuv420p() throws Exception {
        Assumptions.assumeTrue(VideoEncoder.findFfmpeg() != null,
                "skipped: no ffmpeg on the PATH (apt-get install ffmpeg); the jcodec test still runs");
        System.setProperty(VideoEncoder.PROPERTY, "ffmpeg");
        Video video = Video.encode(frames(64, 48, 10), 30);
        checkVideo(video, 64, 48, 10, "yuv420p");
        assertEquals("30/1", probe(save(video)).get("r_frame_rate"));
        String boxes = new String(video.getMp4(), StandardCharsets.ISO_8859_1);
        assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat"), "faststart: the index precedes the data");
    }

    @Test
    void jcodecWritesH264ThatFfprobeReads() throws Exception {
        System.setProperty(VideoEncoder.PROPERTY, "jcodec");
        Video video = Video.encode(frames(64, 48, 10), 25);
        checkVideo(video, 64, 48, 10, "yuv420p");
    }

    @Test
    void oddSizesArePaddedToEven() throws Exception {
        for (VideoEncoder encoder : VideoEncoder.values()) {
            if (encoder == VideoEncoder.FFMPEG && VideoEncoder.findFfmpeg() == null) {
                continue;
            }
            try (VideoWriter writer = VideoWriter.inMemory(33, 21, 24, encoder)) {
                for (BufferedImage frame : frames(33, 21, 3)) {
                    writer.addFrame(frame);
                }
                Video video = writer.finish();
                assertEquals(34, video.getWidth(), encoder + " width");
                assertEquals(22, video.getHeight(), encoder + " height");
                if (ffprobe() != null) {
                    Map<String, String> stream = probe(save(video));
                    assertEquals("34", stream.get("width"), encoder + " encoded width");
                    assertEquals("22", stream.get("height"), encoder + " encoded height");
                }
            }
        }
    }

    @Test
    void writerStreamsToItsFileAndCloseWithoutFinishDeletesIt() {
        Path kept = dir.resolve("out/kept.mp4");
        try (VideoWriter writer = VideoWriter.open(kept, 32, 32, 10, VideoEncoder.JCODEC)) {
            frames(32, 32, 2).forEach(writer::addFrame);
            Video video = writer.finish();
            assertEquals(2, video.getFrameCount());
        }
        assertTrue(Files.isRegularFile(kept));

        Path dropped = dir.resolve("dropped.mp4");
        try (VideoWriter writer = VideoWriter.open(dropped, 32, 32, 10, VideoEncoder.JCODEC)) {
            writer.addFrame(frames(32, 32, 1).get(0));
        }
        assertFalse(Files.exists(dropped), "an unfinished video leaves no partial file");
    }

    @Test
    void framesOfAnotherSizeAreRefused() {
        try (VideoWriter writer = VideoWriter.inMemory(32, 32, 10, VideoEncoder.JCODEC)) {
            writer.addFrame(frames(32, 32, 1).get(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.addFrame(new BufferedImage(32, 30, BufferedImage.TYPE_INT_RGB)));
            assertTrue(e.getMessage().endsWith(": frame 1 is 32x30 but the video was opened at 32x32"), e.getMessage());
        }
    }

    @Test
    void ffmpegFailuresCarryItsMessage() throws IOException {
        // A stand-in ffmpeg that fails the way a build without libx264 does.
        Path fake = dir.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\ncat > /dev/null\necho \"Unknown encoder 'libx264'\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path out = dir.resolve("broken.mp4");
        FfmpegSink sink = new FfmpegSink(fake, out, 16, 16, 10);
        sink.write(new int[16 * 16]);
        IllegalStateException e = assertThrows(IllegalStateException.class, sink::finish);
        assertTrue(e.getMessage().startsWith("ffmpeg failed (exit code 1) writing " + out + ":\nUnknown encoder 'libx264'"),
                e.getMessage());
    }

    @Test
    void encoderPropertyIsValidated() {
        System.setProperty(VideoEncoder.PROPERTY, "JCodec");
        assertEquals(VideoEncoder.JCODEC, VideoEncoder.select());
        System.setProperty(VideoEncoder.PROPERTY, "x264");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, VideoEncoder::select);
        assertEquals("system property eg3d.video.encoder=x264 is not an encoder; use ffmpeg, jcodec or auto", e.getMessage());
    }

    // ---- checks through ffprobe and ffmpeg ----

    private void checkVideo(Video video, int width, int height, int frames, String pixFmt) throws Exception {
        assertEquals(width, video.getWidth());
        assertEquals(height, video.getHeight());
        assertEquals(frames, video.getFrameCount());
        assertEquals("ftyp", new String(video.getMp4(), 4, 4, StandardCharsets.US_ASCII), "an MP4 file");
        Assumptions.assumeTrue(ffprobe() != null,
                "ffprobe checks skipped: no ffprobe on the PATH (apt-get install ffmpeg)");
        Path file = save(video);
        Map<String, String> stream = probe(file);
        assertEquals("h264", stream.get("codec_name"));
        assertEquals(pixFmt, stream.get("pix_fmt"));
        assertEquals(String.valueOf(width), stream.get("width"));
        assertEquals(String.valueOf(height), stream.get("height"));
        assertEquals(String.valueOf(frames), stream.get("nb_read_frames"));
        // Channels stay in place: decode frame 9 (bar on rows 18-19; two rows, as chroma is shared by
        // 2×2 pixels) and look at both halves away from it.
        int[] rgb = decodeFrame(file, 9, width, height);
        assertColour(0xFF0000, rgb[30 * width + 8], "left half is red");
        assertColour(0x0000FF, rgb[30 * width + width - 8], "right half is blue");
        assertColour(0xFFFFFF, rgb[18 * width + 8], "the bar of frame 9 is on row 18");
    }

    private Path save(Video video) {
        Path file = dir.resolve("video-" + System.nanoTime() + ".mp4");
        video.save(file);
        return file;
    }

    private static Path ffprobe() {
        Path ffmpeg = VideoEncoder.findFfmpeg();
        if (ffmpeg == null) {
            return null;
        }
        Path probe = ffmpeg.resolveSibling("ffprobe");
        return Files.isExecutable(probe) ? probe : null;
    }

    private static Map<String, String> probe(Path file) throws Exception {
        String out = run(List.of(ffprobe().toString(), "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_streams", file.toString()));
        Map<String, String> fields = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    private static int[] decodeFrame(Path file, int index, int width, int height) throws Exception {
        Process p = new ProcessBuilder(VideoEncoder.findFfmpeg().toString(), "-v", "error", "-i", file.toString(),
                "-vf", "select=eq(n\\," + index + ")", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3 * width * height, bytes.length, "one decoded rgb24 frame");
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (bytes[3 * i] & 0xFF) << 16 | (bytes[3 * i + 1] & 0xFF) << 8 | (bytes[3 * i + 2] & 0xFF);
        }
        return rgb;
    }

    private static void assertColour(int want, int got, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int a = want >> shift & 0xFF, b = got >> shift & 0xFF;
            assertTrue(Math.abs(a - b) <= 40, what + String.format(": want %06x, got %06x", want, got));
        }
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ffprobe finished");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "ffprobe failed: " + text);
        return text;
    }
}
