package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Debian's Jupyter tools and the packaged kernel for the integration tests; skips loudly when absent. */
final class Jupyter {
    static final Path KERNEL_JAR = Path.of(System.getProperty("eg3d.kernel.jar", "target/eg3d-kernel.jar")).toAbsolutePath();
    static final Path HOOKS_JAR = Path.of(System.getProperty("eg3d.hooks.jar", "target/eg3d-display-hooks.jar")).toAbsolutePath();
    static final Path HOME = Path.of(System.getProperty("eg3d.home", "..")).toAbsolutePath().normalize();

    private Jupyter() {}

    record Result(int exitCode, String output) {}

    /** Skips the test, with the install line, when jupyter or one of its parts is missing. */
    static void requireTools(String... commands) {
        Assumptions.assumeTrue(Files.isRegularFile(KERNEL_JAR), () -> "skipped: " + KERNEL_JAR + " is not built (run mvn package)");
        for (String c : commands) {
            boolean found = System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, c)));
            Assumptions.assumeTrue(found, () -> "skipped: '" + c + "' is not on PATH; install Debian's Jupyter with "
                    + "apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel chromium");
        }
    }

    /** The Python that has jupyter_client: the one the jupyter launcher runs with. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static Result run(Path dir, Map<String, String> env, long timeoutSeconds, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Path log = Files.createTempFile("eg3d-jupyter", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }

    static Result runOk(Path dir, Map<String, String> env, long timeoutSeconds, String... command) {
        Result r = run(dir, env, timeoutSeconds, command);
        assertEquals(0, r.exitCode(), () -> String.join(" ", command) + " failed:\n" + tail(r.output()));
        return r;
    }

    /** Installs the kernelspec the way ./eg3d kernel install does, into {@code jupyterPath}/kernels. */
    static void installKernel(Path jupyterPath) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", KERNEL_JAR.toString(), "eg3d.kernel.KernelCli", "install", "--jupyter-path", jupyterPath.toString(),
                "--home", HOME.toString()));
        runOk(HOME, Map.of(), 120, cmd.toArray(String[]::new));
    }

    static String tail(String s) {
        return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
    }
}
