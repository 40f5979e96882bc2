package eg3d.kernel;

import com.google.gson.GsonBuilder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the kernelspec Jupyter uses to start this kernel: {@code kernel.json} plus two logos.
 *
 * @param kernelJar absolute path of eg3d-kernel.jar, which the spec runs
 * @param home the repository root: the DJL cache lives in {@code home/.djl-cache}
 */
public record KernelSpec(Path kernelJar, Path home) {
    public static final String NAME = "eg3d-java";

    /** The command Jupyter runs: the same JVM flags the eg3d launcher uses, then {@code run {connection_file}}. */
    public List<String> argv() {
        Path cache = home.resolve(".djl-cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + cache, "-Djna.tmpdir=" + cache.resolve("jna"),
                "-Deg3d.home=" + home,
                // Quiet engine start-up in cells: warnings and errors still show, the GPU probe's does not on CPU hosts.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error", "-cp", kernelJar.toString(), "eg3d.kernel.KernelCli", "run", "{connection_file}");
    }

    /** Writes {@code kernelsDir/eg3d-java/} and returns that folder. */
    public Path writeInto(Path kernelsDir) {
        Path dir = kernelsDir.resolve(NAME);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv());
        spec.put("display_name", "Java (eg3d)");
        spec.put("language", "java");
        // A JVM dies on SIGINT; Jupyter must send interrupt_request messages instead.
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of("DJL_CACHE_DIR", home.resolve(".djl-cache").toString(), "DJL_OFFLINE", "true"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kernel.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n");
            ImageIO.write(logo(32), "png", dir.resolve("logo-32x32.png").toFile());
            ImageIO.write(logo(64), "png", dir.resolve("logo-64x64.png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the kernelspec: " + e.getMessage()
                    + ". Pick a writable folder with --jupyter-path or --prefix.", e);
        }
        return dir;
    }

    /** A small drawn logo: a cube in outline, for the three planes the model renders from. */
    static BufferedImage logo(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float s = size / 32f;
        g.setColor(new Color(0xE76F00));
        g.fillRoundRect(0, 0, size, size, (int) (8 * s), (int) (8 * s));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2 * s));
        int a = Math.round(7 * s), b = Math.round(19 * s), d = Math.round(6 * s);
        g.drawRect(a, a + d, b - a, b - a);
        g.drawLine(a, a + d, a + d, a);
        g.drawLine(b, a + d, b + d, a);
        g.drawLine(b, b + d, b + d, b);
        g.drawLine(a + d, a, b + d, a);
        g.drawLine(b + d, a, b + d, b);
        g.dispose();
        return img;
    }
}
