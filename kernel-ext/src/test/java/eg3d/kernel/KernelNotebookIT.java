package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/kernel-test.ipynb headless with Debian's nbconvert through the installed kernelspec,
 * checks every hook's output, then opens the HTML export in headless Chromium to see the plots drawn.
 */
class KernelNotebookIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path work;
    private static List<JsonNode> cells;
    private static Path executed;

    @BeforeAll
    static void executeTheNotebook() throws IOException {
        Jupyter.requireTools("jupyter");
        Jupyter.installKernel(work.resolve("jupyter"));
        Jupyter.runOk(Jupyter.HOME, Map.of("JUPYTER_PATH", work.resolve("jupyter").toString()), 900,
                "jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
                "--output-dir", work.toString(), Jupyter.HOME.resolve("notebooks/kernel-test.ipynb").toString());
        executed = work.resolve("kernel-test.ipynb");
        cells = new ArrayList<>();
        for (JsonNode c : JSON.readTree(executed.toFile()).get("cells")) if (c.get("cell_type").asText().equals("code")) cells.add(c);
    }

    @Test
    void imagesArePngsThatReadBack() throws IOException {
        JsonNode out = onlyOutput(cellStartingWith("List<BufferedImage> tiles"));
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(text(out.at("/data/image~1png")))));
        assertEquals(128, grid.getWidth(), "a 2x2 grid of 64-pixel tiles");
        assertEquals(128, grid.getHeight());
        assertEquals("BufferedImage 128x128", text(out.at("/data/text~1plain")));
    }

    @Test
    void videoIsAnHtml5VideoWithTheMp4Inline() {
        String html = text(onlyOutput(cellStartingWith("Video.encode")).at("/data/text~1html"));
        assertTrue(html.startsWith("<video controls"), html.substring(0, Math.min(80, html.length())));
        Matcher m = Pattern.compile("data:video/mp4;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(m.find(), "the MP4 is inlined as a data URI");
        byte[] mp4 = Base64.getDecoder().decode(m.group(1));
        assertEquals("ftyp", new String(mp4, 4, 4), "an MP4 starts with its ftyp box");
    }

    @Test
    void densityVolumeShowsThreeSliceStrips() {
        String html = text(onlyOutput(cellStartingWith("int res = 32")).at("/data/text~1html"));
        for (String axis : List.of("X", "Y", "Z")) {
            assertTrue(html.contains("<input type=\"range\" min=\"0\" max=\"23\" value=\"12\" data-axis=\"" + axis + "\""), axis);
        }
        assertEquals(3 * 25, count(html, ";base64,"), "24 slices per axis plus the picture shown first");
    }

    @Test
    void meshIsAPlotlyMesh3dAndPlotlyJsIsEmbeddedOnce() {
        String html = text(onlyOutput(cellStartingWith("Mesh mesh")).at("/data/text~1html"));
        assertTrue(html.contains("type:'mesh3d'"));
        int embeds = 0;
        for (JsonNode c : cells) for (JsonNode o : c.get("outputs")) embeds += count(text(o.at("/data/text~1html")), "window.__eg3dDefine = window.define");
        assertEquals(1, embeds, "plotly.js is inlined once per notebook");
    }

    @Test
    void liveDisplaysKeepOnlyTheirFinalState() {
        JsonNode status = onlyOutput(cellStartingWith("String status"));
        assertEquals("display_data", status.get("output_type").asText());
        assertEquals("status: final", text(status.at("/data/text~1plain")));
        assertEquals("toy steps: 5/5 (100%) done: all 5 steps", text(onlyOutput(cellStartingWith("ProgressBar bar")).at("/data/text~1plain")));
        String monitor = text(onlyOutput(cellStartingWith("TrainingMonitor monitor")).at("/data/text~1plain"));
        assertTrue(monitor.startsWith("toy training step 20, "), monitor);
        assertTrue(monitor.contains("loss_G=0.05000"), monitor);
    }

    @Test
    void anErrorIsAnErrorOutputAndTheNextCellStillRuns() {
        JsonNode error = onlyOutput(cellStartingWith("Integer.parseInt"));
        assertEquals("error", error.get("output_type").asText());
        assertTrue(error.get("evalue").asText().contains("NumberFormatException"), error.toString());
        assertEquals("kernel still alive: 42", text(onlyOutput(cellStartingWith("\"kernel still alive")).at("/data/text~1plain")));
    }

    @Test
    void anInterruptStopsTheCellAndTheKernelGoesOn() {
        JsonNode error = onlyOutput(cellStartingWith("new Thread"));
        assertEquals("CellInterruptedException", error.get("ename").asText());
        assertEquals("after the interrupt: 42", text(onlyOutput(cellStartingWith("\"after the interrupt")).at("/data/text~1plain")));
    }

    @Test
    void mavenResolvesAnotherGsonFromTheLocalRepositoryAndCellsUseIt() {
        JsonNode maven = onlyOutput(cellStartingWith("%maven"));
        assertEquals("stream", maven.get("output_type").asText());
        assertTrue(text(maven.get("text")).contains("added 1 jar(s)"), maven.toString());
        assertEquals("gson from gson-2.10.1.jar: {\"answer\":42}", text(onlyOutput(cellStartingWith("String gsonJar")).at("/data/text~1plain")));
    }

    @Test
    void theHtmlExportDrawsItsPlotsOfflineInChromium() throws IOException {
        Jupyter.requireTools("chromium");
        Jupyter.runOk(work, Map.of(), 300, "jupyter", "nbconvert", "--to", "html", executed.toString());
        Path html = work.resolve("kernel-test.html");
        Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        Jupyter.Result dom = Jupyter.run(work, Map.of(), 300, "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", html.toUri().toString());
        // Plotly draws each chart into an <svg class="main-svg">; a blank chart area has none.
        int drawn = count(dom.output(), "class=\"main-svg\"");
        assertTrue(drawn >= 2, "expected the line figure and the mesh drawn, found " + drawn + " plot surfaces:\n"
                + Jupyter.tail(dom.output()));
        assertTrue(dom.output().contains("class=\"xtick\""), "the line figure has its x axis ticks drawn");
    }

    private static JsonNode cellStartingWith(String prefix) {
        for (JsonNode c : cells) if (text(c.get("source")).startsWith(prefix)) return c;
        throw new AssertionError("notebooks/kernel-test.ipynb has no code cell starting with " + prefix);
    }

    private static JsonNode onlyOutput(JsonNode cell) {
        JsonNode outputs = cell.get("outputs");
        assertEquals(1, outputs.size(), () -> "outputs of " + text(cell.get("source")) + ": " + outputs);
        return outputs.get(0);
    }

    /** nbformat stores text either as one string or as a list of lines. */
    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return "";
        if (node.isTextual()) return node.asText();
        StringBuilder s = new StringBuilder();
        node.forEach(line -> s.append(line.asText()));
        return s.toString();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) n++;
        return n;
    }
}
