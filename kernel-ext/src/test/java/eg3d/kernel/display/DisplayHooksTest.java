package eg3d.kernel.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.Eg3d;
import eg3d.Sample;
import eg3d.media.Video;
import eg3d.model.Generated;
import eg3d.render.TriPlanes;
import eg3d.shape.Mesh;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class DisplayHooksTest {
    @SuppressWarnings("unchecked")
    private static <T> DisplayHook<T> hookFor(Class<T> type) {
        return (DisplayHook<T>) Eg3dDisplay.hooks().stream().filter(h -> h.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no hook for " + type));
    }

    @Test
    void imagesEncodeAsPngThatReadsBackPixelForPixel() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(2, 1, 0x12ab34);
        DisplayHook<BufferedImage> hook = hookFor(BufferedImage.class);
        assertEquals(List.of("image/png", "text/plain"), hook.preferred());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) hook.encodeChecked(img, "image/png"))));
        assertEquals(0x12ab34, back.getRGB(2, 1) & 0xffffff);
        assertEquals("BufferedImage 3x2", hook.encodeChecked(img, "text/plain"));
    }

    private static BufferedImage png(Object base64) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) base64)));
    }

    @Test
    void generatedShowsImageRawAndDepthOfTheFirstItemSideBySide() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray image = m.full(new Shape(2, 3, 4, 4), -1f);                     // black, item 1 ignored
            NDArray raw = m.create(new float[] {1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1}, new Shape(1, 3, 2, 2)).repeat(0, 2);
            NDArray depth = m.create(new float[] {2, 3, 3, 3}, new Shape(1, 1, 2, 2)).repeat(0, 2);
            Generated g = new Generated(image, raw, depth, m.zeros(new Shape(2, 32, 2, 2)), null);
            DisplayHook<Generated> hook = hookFor(Generated.class);
            BufferedImage shown = png(hook.encodeChecked(g, "image/png"));
            assertEquals(128, shown.getHeight(), "small images are enlarged to 128 pixels");
            assertEquals(3 * 128 + 2 * ModelPictures.GAP, shown.getWidth());
            assertEquals(0x000000, shown.getRGB(10, 10) & 0xffffff, "image panel");
            assertEquals(0xffffff, shown.getRGB(128, 10) & 0xffffff, "gap");
            assertEquals(0xff0000, shown.getRGB(132 + 10, 10) & 0xffffff, "raw panel: red where channel 0 is 1");
            assertEquals(0xffffff, shown.getRGB(264 + 10, 10) & 0xffffff, "depth panel: the nearest pixel is white");
            assertEquals(0x000000, shown.getRGB(264 + 100, 100) & 0xffffff, "depth panel: the farthest pixels are black");
            assertEquals("Generated image (2, 3, 4, 4), raw (2, 3, 2, 2), depth (2, 1, 2, 2)", hook.encodeChecked(g, "text/plain"));
        }
    }

    @Test
    void triPlanesShowTheirFirstThreeChannelsAsFalseColourPerPlane() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[3 * 4 * 2 * 2];                         // [1,3,C=4,2,2]
            for (int p = 0; p < 3; p++) v[(p * 4 + p) * 4] = 5f;           // plane p: channel p high at pixel (0,0)
            TriPlanes t = new TriPlanes(m.create(v, new Shape(1, 3, 4, 2, 2)));
            BufferedImage shown = png(hookFor(TriPlanes.class).encodeChecked(t, "image/png"));
            assertEquals(3 * 128 + 2 * ModelPictures.GAP, shown.getWidth());
            assertEquals(0xff0000, shown.getRGB(0, 0) & 0xffffff, "plane 0 is red where channel 0 peaks");
            assertEquals(0x00ff00, shown.getRGB(132, 0) & 0xffffff, "plane 1 green");
            assertEquals(0x0000ff, shown.getRGB(264, 0) & 0xffffff, "plane 2 blue");
            assertEquals(0x000000, shown.getRGB(264 + 100, 100) & 0xffffff);
            assertEquals("TriPlanes 1×3 planes of 4 channels at 2x2", hookFor(TriPlanes.class).encodeChecked(t, "text/plain"));
        }
    }

    @Test
    void aSampleShowsTheSamePicturesItsGettersReturn() throws Exception {
        try (Eg3d eg3d = Eg3d.preset("nano", 0); Sample s = eg3d.generate(spec -> spec.setSeed(3))) {
            BufferedImage shown = png(hookFor(Sample.class).encodeChecked(s, "image/png"));
            BufferedImage image = s.getImage();
            int scale = shown.getHeight() / image.getHeight();
            assertEquals(2, scale, "the nano preset's 64-pixel image is shown at 128");
            for (int[] xy : new int[][] {{0, 0}, {17, 40}, {63, 63}}) {
                assertEquals(image.getRGB(xy[0], xy[1]) & 0xffffff, shown.getRGB(xy[0] * scale, xy[1] * scale) & 0xffffff);
            }
            assertTrue(((String) hookFor(Sample.class).encodeChecked(s, "text/plain")).startsWith("Sample(seed=3"));
        }
    }

    @Test
    void videoInlinesExactlyItsMp4Bytes() {
        byte[] mp4 = {0, 0, 0, 8, 'f', 't', 'y', 'p'};
        String html = (String) hookFor(Video.class).encodeChecked(new Video(mp4, 64, 48, 25, 10), "text/html");
        String b64 = html.substring(html.indexOf("base64,") + 7, html.indexOf('"', html.indexOf("base64,")));
        assertArrayEquals(mp4, Base64.getDecoder().decode(b64));
        assertTrue(html.startsWith("<video controls") && html.contains("width=\"64\" height=\"48\""), html);
    }

    @Test
    void sliceIndicesSpreadEvenlyAndCapAt24() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, MediaHtml.sliceIndices(4));
        int[] big = MediaHtml.sliceIndices(512);
        assertEquals(24, big.length);
        assertEquals(10, big[0]);
        assertEquals(501, big[23]);
    }

    @Test
    void meshBecomesOneMesh3dTraceWithItsTrianglesAndColours() {
        Mesh mesh = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0.5f}, new int[] {0, 1, 2}, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        String html = MediaHtml.meshPlot(mesh);
        assertTrue(html.contains("type:'mesh3d'"));
        assertTrue(html.contains("x:[0,1,0],y:[0,0,1],z:[0,0,0.5],i:[0],j:[1],k:[2]"), html.substring(html.indexOf("{type")));
        assertTrue(html.contains("vertexcolor:['rgb(255,0,0)','rgb(0,255,0)','rgb(0,0,255)']"));
    }

    @Test
    void longTablesShowHeadAndTailWithTheGapCounted() {
        Table t = Table.create("big", IntColumn.create("n", java.util.stream.IntStream.range(0, 100).toArray()));
        String html = TablesawHooks.tableHtml(t);
        assertTrue(html.contains("<caption>big (100 rows × 1 columns)</caption>"), html);
        assertTrue(html.contains("… 75 more rows …"));
        assertTrue(html.contains("<td>19</td>") && html.contains("<td>95</td>") && !html.contains("<td>20</td>"));
    }

    @Test
    void aFailingEncoderNamesTheTypeAndTheMimeType() {
        DisplayHook<String> broken = new DisplayHook<>(String.class, List.of("text/html"), List.of(), (s, mime) -> {
            throw new IllegalArgumentException("boom");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.encodeChecked("x", "text/html"));
        assertTrue(e.getMessage().startsWith("display hook for java.lang.String failed to encode x as text/html"), e.getMessage());
    }

    @Test
    void aTrainingMonitorAsListenerPlotsEachStepsLossesAndShowsGridsAndWhyTheRunStopped() {
        TrainingMonitor monitor = TrainingMonitor.detached("nano");
        eg3d.train.TrainingListener listener = monitor.listener();
        listener.onStep(0.004, 1, java.util.Map.of("Loss/G/loss", 0.7, "Loss/D/loss", 1.4));
        listener.onStep(0.008, 2, java.util.Map.of("Loss/G/loss", 0.6, "Loss/D/loss", 1.3));
        listener.onImages(0.008, new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB),
                new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
        listener.onEnd(0.008, eg3d.train.Trainer.Stop.INTERRUPTED, "interrupted at kimg 0.008");
        assertEquals(List.of(2.0, 0.6), List.of(monitor.getSeries("Loss/G/loss").get(1)[0], monitor.getSeries("Loss/G/loss").get(1)[1]));
        String html = monitor.toHtml();
        assertTrue(html.contains("step 2 <small>INTERRUPTED: interrupted at kimg 0.008</small>"), html);
        assertTrue(html.contains("<img") && html.contains("Loss/D/loss = 1.3"), html);
    }

    @Test
    void htmlEscapingAndJsStringsAreSafeInline() {
        assertEquals("&lt;b&gt; &amp; &quot;", Html.escape("<b> & \""));
        assertEquals("\"<\\/script>\\n\"", Html.jsString("</script>\n"));
        assertEquals("0.5", Html.num(0.5f));
        assertEquals("1", Html.num(1f));
        assertEquals("null", Html.num(Float.NaN));
    }
}
