package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook in notebooks/ (kernel-test.ipynb has its own test) headless at the small size, as CI
 * does: no cell may end in an error, and each notebook must show at least one picture or HTML output.
 * Each notebook's wall time goes to the test output.
 */
class NotebooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NOTEBOOKS = Jupyter.HOME.resolve("notebooks");
    @TempDir static Path work;

    @BeforeAll
    static void installTheKernel() {
        Jupyter.requireTools("jupyter");
        Jupyter.installKernel(work.resolve("jupyter"));
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutErrorsAtTheSmallSize() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb") && !p.getFileName().toString().equals("kernel-test.ipynb"))
                    .sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + NOTEBOOKS);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)));
    }

    private static void execute(Path notebook) throws IOException {
        long start = System.nanoTime();
        // --allow-errors: the notebook is written out whole, so the failure lists every failing cell, not just the first.
        Jupyter.runOk(NOTEBOOKS, Map.of("JUPYTER_PATH", work.resolve("jupyter").toString(), "EG3D_NOTEBOOK_SIZE", "small"), 600,
                "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.timeout=300",
                "--output-dir", work.toString(), notebook.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "notebook %s: %.1f s%n", notebook.getFileName(), seconds);

        JsonNode executed = JSON.readTree(work.resolve(notebook.getFileName()).toFile());
        List<String> errors = new ArrayList<>();
        int rich = 0;
        int index = 0;
        for (JsonNode cell : executed.get("cells")) {
            index++;
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("error")) {
                    errors.add("cell " + index + " (" + firstLine(cell.get("source")) + "): " + out.path("ename").asText() + ": "
                            + out.path("evalue").asText());
                }
                if (out.path("data").has("image/png") || out.path("data").has("text/html")) rich++;
            }
        }
        assertTrue(errors.isEmpty(), notebook.getFileName() + " has error outputs:\n" + String.join("\n", errors));
        assertTrue(rich > 0, notebook.getFileName() + " showed no image/png or text/html output");
    }

    private static String firstLine(JsonNode source) {
        String text = source.isTextual() ? source.asText() : source.size() > 0 ? source.get(0).asText() : "";
        return text.strip().lines().findFirst().orElse("");
    }
}
