package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel as stock IJava would see the hooks, and a real interrupt_request from jupyter_client. */
class KernelCompatibilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theKernelJarHoldsNoDisplayHooksOfItsOwn() throws IOException {
        Jupyter.requireTools();
        try (JarFile jar = new JarFile(Jupyter.KERNEL_JAR.toFile())) {
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("eg3d/kernel/display/")),
                    "the hooks must come from eg3d-display-hooks.jar only");
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("com/google/gson/")), "Gson is relocated");
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("eg3d/shaded/gson/")));
        }
    }

    @Test
    void hooksLoadThroughIjavaStartupScriptsPathWithOnlyTheHooksJar(@TempDir Path work) throws IOException {
        Jupyter.requireTools("jupyter");
        Path jupyter = work.resolve("jupyter");
        Jupyter.installKernel(jupyter);
        Path scripts = Files.createDirectories(work.resolve("startup"));
        Files.copy(Jupyter.HOME.resolve("kernel-ext/src/main/resources/eg3d-startup.jshell"), scripts.resolve("eg3d-startup.jshell"));
        Path notebook = work.resolve("plain.ipynb");
        writeNotebook(notebook, List.of(
                "new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB)",
                "eg3d.kernel.display.Eg3dDisplay.class.getProtectionDomain().getCodeSource().getLocation().getPath()",
                "var parent = (java.net.URLClassLoader) new Object() {}.getClass().getClassLoader().getParent();\n"
                        + "System.getenv(\"EG3D_KERNEL_PLAIN\") + \",\" + parent.getName() + \",\" + parent.getURLs().length"));
        Jupyter.runOk(work, Map.of("JUPYTER_PATH", jupyter.toString(), "EG3D_KERNEL_PLAIN", "1",
                        "IJAVA_CLASSPATH", Jupyter.HOOKS_JAR.toString(), "IJAVA_STARTUP_SCRIPTS_PATH", scripts + "/*.jshell"),
                600, "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", "plain-run", notebook.toString());
        JsonNode cells = JSON.readTree(work.resolve("plain-run.ipynb").toFile()).get("cells");
        JsonNode image = cells.get(0).get("outputs").get(0).get("data");
        assertTrue(image.has("image/png"), "the startup script registered the image hook: " + image);
        assertEquals("BufferedImage 6x4", text(image.get("text/plain")));
        assertEquals(Jupyter.HOOKS_JAR.toString(), text(cells.get(1).get("outputs").get(0).at("/data/text~1plain")),
                "the hooks came from the jar on IJAVA_CLASSPATH");
        String layers = text(cells.get(2).get("outputs").get(0).at("/data/text~1plain"));
        assertEquals("1,eg3d-project,0", layers, "a plain kernel: no project jars, like stock IJava");
    }

    @Test
    void anInterruptRequestStopsABusyCell(@TempDir Path work) throws IOException {
        Jupyter.requireTools("jupyter");
        Jupyter.installKernel(work);
        Jupyter.Result r = Jupyter.runOk(work, Map.of(), 300, Jupyter.python(),
                Jupyter.HOME.resolve("kernel-ext/src/test/python/interrupt_kernel.py").toString(), work.toString());
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        JsonNode result = JSON.readTree(last);
        assertEquals("error", result.path("status").asText(), r.output());
        assertEquals("CellInterruptedException", result.path("ename").asText());
        assertEquals("ok", result.path("after_status").asText(), "the kernel runs the next cell");
        assertEquals("42", result.path("after").asText());
    }

    /** nbformat stores text either as one string or as a list of lines. */
    private static String text(JsonNode node) {
        if (node.isTextual()) return node.asText();
        StringBuilder s = new StringBuilder();
        node.forEach(line -> s.append(line.asText()));
        return s.toString();
    }

    private static void writeNotebook(Path file, List<String> sources) throws IOException {
        ObjectNode nb = JSON.createObjectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        nb.putObject("metadata").putObject("kernelspec").put("name", "eg3d-java").put("display_name", "Java (eg3d)").put("language", "java");
        ArrayNode cells = nb.putArray("cells");
        int i = 0;
        for (String s : sources) {
            ObjectNode c = cells.addObject();
            c.put("cell_type", "code").put("id", "c" + i++).put("source", s).putNull("execution_count");
            c.putObject("metadata");
            c.putArray("outputs");
        }
        Files.writeString(file, JSON.writeValueAsString(nb));
    }
}
