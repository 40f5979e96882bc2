package eg3d.kernel.display;

import ai.djl.engine.Engine;
import eg3d.Eg3d;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What produced a notebook's outputs, read by the kernel at the end of the run: the notebook file and
 * its hash (which pins every seed written in its cells), the size switch, the default model and its
 * hash, the project, Java, DJL and PyTorch versions, the device and the git commit. {@code ./eg3d report}
 * appends a cell showing it, so the exported HTML carries its own record.
 */
public final class Provenance {
    /** Set by {@code ./eg3d report}: the notebook being executed, and the project's commit. */
    public static final String NOTEBOOK_ENV = "EG3D_REPORT_NOTEBOOK";
    public static final String COMMIT_ENV = "EG3D_GIT_COMMIT";

    private final Map<String, String> entries;

    private Provenance(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Collects the record in this kernel, now. */
    public static Provenance ofThisRun() {
        Map<String, String> e = new LinkedHashMap<>();
        String notebook = System.getenv(NOTEBOOK_ENV);
        e.put("notebook", notebook == null ? "(not named: run outside ./eg3d report)" : describeFile(Path.of(notebook)));
        e.put("size", System.getenv().getOrDefault("EG3D_NOTEBOOK_SIZE", "small"));
        e.put("seeds", "as written in the cells above, pinned by the notebook's SHA-256");
        Path model = Eg3d.locateDefaultModel();
        e.put("default model", model == null ? "none found: an untrained nano preset" : describeFile(model));
        e.put("eg3d", projectVersion());
        String commit = System.getenv(COMMIT_ENV);
        e.put("git commit", commit == null || commit.isBlank() ? "unknown (not run by ./eg3d report, or not a git checkout)" : commit);
        e.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        e.put("DJL", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        e.put("engine", engine.getEngineName() + " " + engine.getVersion() + " on " + engine.defaultDevice());
        e.put("host", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPU cores");
        e.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new Provenance(e);
    }

    /** Name → value, in the order shown. */
    public Map<String, String> getEntries() {
        return entries;
    }

    String toHtml() {
        StringBuilder html = new StringBuilder("<table class=\"eg3d-provenance\"><caption>provenance</caption>");
        entries.forEach((k, v) -> html.append("<tr><th style=\"text-align:left\">").append(Html.escape(k))
                .append("</th><td style=\"text-align:left\">").append(Html.escape(v)).append("</td></tr>"));
        return html.append("</table>").toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("provenance");
        entries.forEach((k, v) -> s.append("\n  ").append(k).append(": ").append(v));
        return s.toString();
    }

    private static String describeFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return String.format(Locale.ROOT, "%s (%d bytes, SHA-256 %s)", abs, Files.size(abs), sha256(abs));
        } catch (IOException e) {
            return abs + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java 17 runtime must have", e);
        }
    }

    /** The eg3d-lib version recorded by Maven in the jar the notebook runs. */
    private static String projectVersion() {
        try (@Nullable InputStream in = Provenance.class.getResourceAsStream("/META-INF/maven/dev.eg3d/eg3d-lib/pom.properties")) {
            if (in == null) return "unknown (no Maven properties in the class path)";
            Properties p = new Properties();
            p.load(in);
            return "eg3d-lib " + p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
