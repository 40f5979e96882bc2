package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports render: {@code ./eg3d report} exports a notebook with an image, a video and a Plotly chart,
 * and headless Chromium shows all three. The DOM after the page's scripts ran must hold the inline
 * PNG, the inline MP4 and Plotly's drawn SVG; the screenshot must show each one's colour where it
 * belongs: the red image and the green video frame at their pixel sizes, above the blue bars.
 */
class ReportsRenderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RED = 0xE01010, GREEN = 0x10C010, PLOTLY_BLUE = 0x1F77B4;
    @TempDir static Path work;
    private static String html;

    @BeforeAll
    static void exportTheReport() throws IOException {
        Jupyter.requireTools("jupyter", "jupyter-nbconvert", "chromium");
        Path notebook = work.resolve("render-check.ipynb");
        writeNotebook(notebook);
        Jupyter.runOk(Jupyter.HOME, Map.of(), 600, "bash", Jupyter.HOME.resolve("eg3d").toString(), "report", notebook.toString(),
                "--out", work.resolve("reports").toString());
        html = Files.readString(work.resolve("reports/render-check.html"), StandardCharsets.UTF_8);
    }

    @Test
    void theHtmlIsSelfContainedAndEndsWithTheKernelsProvenance() {
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the image is inline");
        assertTrue(html.contains("data:video/mp4;base64,"), "the video is inline");
        assertTrue(html.contains("window.__eg3dDefine = window.define"), "plotly.js is inline");
        assertFalse(Pattern.compile("<(script|link|img|video|source|iframe)\\b[^>]*\\b(src|href)=\"https?:").matcher(html).find(),
                "nothing is fetched from the network");
        assertTrue(html.contains("<table class=\"eg3d-provenance\">"), "the provenance table is there");
        for (String row : List.of("notebook", "size", "default model", "eg3d", "git commit", "Java", "DJL", "engine")) {
            assertTrue(html.contains("<th style=\"text-align:left\">" + row + "</th>"), "provenance row " + row);
        }
        assertTrue(html.contains("render-check.ipynb ("), "the provenance names the notebook");
    }

    @Test
    void chromiumRunsTheScriptsAndShowsImageVideoAndChart() throws IOException {
        Path page = work.resolve("reports/render-check.html");
        String dom = chromium("--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("class=\"main-svg\""), "Plotly drew no chart:\n" + Jupyter.tail(dom));
        assertTrue(dom.contains("<video") && dom.contains("<img src=\"data:image/png;base64,"), "video or image element missing");

        Path png = work.resolve("screenshot.png");
        BufferedImage shot;
        Box green;
        // Chromium decodes the video off the main thread; on a loaded machine a screenshot can catch
        // its first frame half painted, so take up to three before judging the last one.
        int attempt = 0;
        do {
            chromium("--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + png, page.toUri().toString());
            shot = ImageIO.read(png.toFile());
            green = Box.of(shot, GREEN, 48);
        } while (++attempt < 3 && green.height() != 160);
        Box red = Box.of(shot, RED, 8), blue = Box.of(shot, PLOTLY_BLUE, 8);
        assertTrue(Box.of(shot, 0xFFFFFF, 0).count() < 0.95 * shot.getWidth() * shot.getHeight(), "the screenshot is (almost) blank");
        // The image is shown pixel for pixel; the video's first frame at its size (decoding shifts colours a little).
        assertEquals(List.of(240, 160), List.of(red.width(), red.height()), "the red image, as drawn: " + red);
        assertTrue(red.count() >= 240 * 160, "the red image is whole: " + red);
        assertEquals(List.of(160, 160), List.of(green.width(), green.height()), "the green video frame, as drawn: " + green);
        assertTrue(green.count() >= 0.95 * 160 * 160, "the video frame is whole: " + green);
        assertTrue(blue.count() > 20_000, "the bar chart's bars are drawn: " + blue);
        assertTrue(red.bottom() < green.top() && green.bottom() < blue.top(), "image, video, chart in cell order: " + red + green + blue);
    }

    /**
     * The pixels within {@code tolerance} of one colour (per channel): how many, and the box spanned by
     * the rows and columns holding at least {@value #MIN_LINE} of them, so that text in a similar
     * colour (the code cells' syntax highlighting) does not stretch the box.
     */
    private record Box(int count, int left, int top, int right, int bottom) {
        private static final int MIN_LINE = 40;

        static Box of(BufferedImage image, int rgb, int tolerance) {
            int[] perRow = new int[image.getHeight()], perColumn = new int[image.getWidth()];
            int count = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (!near(image.getRGB(x, y), rgb, tolerance)) continue;
                    count++;
                    perRow[y]++;
                    perColumn[x]++;
                }
            }
            return new Box(count, first(perColumn), first(perRow), last(perColumn), last(perRow));
        }

        private static int first(int[] counts) {
            for (int i = 0; i < counts.length; i++) if (counts[i] >= MIN_LINE) return i;
            return -1;
        }

        private static int last(int[] counts) {
            for (int i = counts.length - 1; i >= 0; i--) if (counts[i] >= MIN_LINE) return i;
            return -2;
        }

        int width() {
            return right - left + 1;
        }

        int height() {
            return bottom - top + 1;
        }

        private static boolean near(int a, int b, int tolerance) {
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > tolerance) return false;
            }
            return true;
        }
    }

    private static String chromium(String... args) {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + work.resolve("chromium-profile"), "--virtual-time-budget=15000"));
        command.addAll(List.of(args));
        return Jupyter.runOk(work, Map.of(), 300, command.toArray(String[]::new)).output();
    }

    /** One image, one video and one Plotly chart, each a solid colour the screenshot can find. */
    private static void writeNotebook(Path file) throws IOException {
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        markdown(cells, "# Render check");
        code(cells, String.format("""
                BufferedImage red = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 160; y++) for (int x = 0; x < 240; x++) red.setRGB(x, y, 0x%06X);
                red""", RED));
        code(cells, String.format("""
                List<BufferedImage> frames = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    BufferedImage frame = new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 160; y++) for (int x = 0; x < 160; x++) frame.setRGB(x, y, 0x%06X);
                    frames.add(frame);
                }
                Video.encode(frames, 8)""", GREEN));
        code(cells, """
                import tech.tablesaw.api.*;
                import tech.tablesaw.plotly.api.VerticalBarPlot;
                Table bars = Table.create("bars", StringColumn.create("name", "a", "b", "c"), DoubleColumn.create("value", 3, 1, 2));
                VerticalBarPlot.create("bars", bars, "name", "value")""");
        ObjectNode meta = nb.putObject("metadata");
        meta.putObject("kernelspec").put("display_name", "Java (eg3d)").put("language", "java").put("name", "eg3d-java");
        meta.putObject("language_info").put("name", "java");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(nb), StandardCharsets.UTF_8);
    }

    private static void markdown(ArrayNode cells, String source) {
        cells.addObject().put("cell_type", "markdown").put("id", "cell-" + cells.size()).put("source", source).putObject("metadata");
    }

    private static void code(ArrayNode cells, String source) {
        ObjectNode c = cells.addObject().put("cell_type", "code").put("id", "cell-" + cells.size()).put("source", source);
        c.putObject("metadata");
        c.putNull("execution_count");
        c.putArray("outputs");
    }
}
