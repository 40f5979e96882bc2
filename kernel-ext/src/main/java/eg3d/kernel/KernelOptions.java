package eg3d.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a kernel process reads at start: where its jars are and IJava's environment variables.
 *
 * @param kernelJar the jar (or class folder) the kernel runs from; cells compile against it
 * @param projectJars the project layer: display hooks jar, then DJL, Tablesaw and plotly.js; empty
 *     when {@code EG3D_KERNEL_PLAIN=1} asks for a kernel that behaves like stock IJava
 * @param ijavaClasspath {@code IJAVA_CLASSPATH}: more jars or globs for cells, path-separator separated
 * @param startupScriptsPath {@code IJAVA_STARTUP_SCRIPTS_PATH}: JShell files run at start, globs allowed
 * @param startupScript {@code IJAVA_STARTUP_SCRIPT}: code run at start, after the files
 * @param timeoutMillis {@code IJAVA_TIMEOUT}: a cell running longer is interrupted; 0 or less waits forever
 */
public record KernelOptions(Path kernelJar, List<Path> projectJars, String ijavaClasspath,
                            String startupScriptsPath, String startupScript, long timeoutMillis) {

    public static final String HOOKS_JAR = "eg3d-display-hooks.jar";
    public static final String NOTEBOOK_CLASSPATH = "notebook-classpath.txt";

    /** Reads the environment the way IJava does, and finds the project jars next to the kernel jar. */
    public static KernelOptions fromEnvironment(Map<String, String> env) {
        Path kernelJar = locateKernelJar();
        boolean plain = "1".equals(env.get("EG3D_KERNEL_PLAIN"));
        List<Path> project = plain ? List.of() : projectJars(kernelJar.getParent());
        return new KernelOptions(kernelJar, project, env.getOrDefault("IJAVA_CLASSPATH", ""),
                env.getOrDefault("IJAVA_STARTUP_SCRIPTS_PATH", ""), env.getOrDefault("IJAVA_STARTUP_SCRIPT", ""),
                parseTimeout(env.get("IJAVA_TIMEOUT")));
    }

    static Path locateKernelJar() {
        try {
            return Path.of(KernelOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kernel jar: " + e.getMessage(), e);
        }
    }

    /** The hooks jar and the libraries listed in notebook-classpath.txt, both written by the build. */
    static List<Path> projectJars(@Nullable Path dir) {
        List<Path> jars = new ArrayList<>();
        if (dir == null) return jars;
        Path hooks = dir.resolve(HOOKS_JAR);
        if (Files.isRegularFile(hooks)) jars.add(hooks);
        Path listing = dir.resolve(NOTEBOOK_CLASSPATH);
        if (Files.isRegularFile(listing)) {
            try {
                for (String entry : Files.readString(listing).trim().split(java.io.File.pathSeparator)) {
                    if (!entry.isBlank()) jars.add(Path.of(entry.trim()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(listing + ": cannot read the notebook class path; rebuild kernel-ext", e);
            }
        }
        return jars;
    }

    static long parseTimeout(@Nullable String value) {
        if (value == null || value.isBlank()) return -1;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IJAVA_TIMEOUT=" + value
                    + " is not a whole number of milliseconds; unset it or give e.g. 60000", e);
        }
    }
}
