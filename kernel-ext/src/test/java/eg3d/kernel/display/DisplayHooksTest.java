package eg3d.kernel.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.media.Video;
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
    void htmlEscapingAndJsStringsAreSafeInline() {
        assertEquals("&lt;b&gt; &amp; &quot;", Html.escape("<b> & \""));
        assertEquals("\"<\\/script>\\n\"", Html.jsString("</script>\n"));
        assertEquals("0.5", Html.num(0.5f));
        assertEquals("1", Html.num(1f));
        assertEquals("null", Html.num(Float.NaN));
    }
}
