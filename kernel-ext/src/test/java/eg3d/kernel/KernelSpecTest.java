package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {
    @Test
    void kernelJsonRunsTheKernelJarWithTheLibraryFlagsAndMessageInterrupts(@TempDir Path dir) throws IOException {
        Path jar = Path.of("/opt/eg3d/kernel-ext/target/eg3d-kernel.jar");
        Path written = new KernelSpec(jar, Path.of("/opt/eg3d")).writeInto(dir.resolve("kernels"));
        assertEquals(dir.resolve("kernels/eg3d-java"), written);
        JsonNode spec = new ObjectMapper().readTree(written.resolve("kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(a -> argv.add(a.asText()));
        assertEquals(List.of("-Dai.djl.offline=true", "-DDJL_CACHE_DIR=/opt/eg3d/.djl-cache",
                "-Djna.tmpdir=/opt/eg3d/.djl-cache/jna", "-Deg3d.home=/opt/eg3d", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error", "-cp", jar.toString(),
                "eg3d.kernel.KernelCli", "run", "{connection_file}"), argv.subList(1, argv.size()));
        assertTrue(argv.get(0).endsWith("/bin/java"), argv.get(0));
        assertEquals("message", spec.get("interrupt_mode").asText());
        assertEquals("java", spec.get("language").asText());
        BufferedImage logo = ImageIO.read(written.resolve("logo-64x64.png").toFile());
        assertEquals(64, logo.getWidth());
        assertEquals(32, ImageIO.read(written.resolve("logo-32x32.png").toFile()).getHeight());
    }

    @Test
    void installUnderstandsTheThreeTargetsAndRejectsUnknownOptions(@TempDir Path dir) throws Exception {
        assertEquals(0, KernelCli.run(List.of("install", "--jupyter-path", dir.resolve("jp").toString(), "--home", dir.toString())));
        assertTrue(dir.resolve("jp/kernels/eg3d-java/kernel.json").toFile().isFile());
        assertEquals(0, KernelCli.run(List.of("install", "--prefix", dir.resolve("venv").toString(), "--home", dir.toString())));
        assertTrue(dir.resolve("venv/share/jupyter/kernels/eg3d-java/kernel.json").toFile().isFile());
        assertEquals(2, KernelCli.run(List.of("install", "--sys-prefix")));
        assertEquals(2, KernelCli.run(List.of("run")));
    }

    @Test
    void ijavaTimeoutMustBeMilliseconds() {
        assertEquals(-1, KernelOptions.parseTimeout(null));
        assertEquals(60000, KernelOptions.parseTimeout(" 60000 "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KernelOptions.parseTimeout("1m"));
        assertTrue(e.getMessage().startsWith("IJAVA_TIMEOUT=1m is not a whole number of milliseconds"), e.getMessage());
    }
}
