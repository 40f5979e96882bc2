package eg3d.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./eg3d kernel install [--user | --prefix P | --jupyter-path P] [--home DIR]} and
 * {@code ./eg3d kernel run CONNECTION_FILE}.
 */
public final class KernelCli {
    private static final String USAGE = String.join("\n",
            "usage: eg3d kernel install [--user | --prefix P | --jupyter-path P] [--home DIR]",
            "       eg3d kernel run CONNECTION_FILE",
            "  --user            install into the user's Jupyter data folder (default)",
            "  --prefix P        install into P/share/jupyter/kernels (a virtualenv or /usr/local)",
            "  --jupyter-path P  install into P/kernels (P is an entry of JUPYTER_PATH)",
            "  --home DIR        the repository root, for the DJL cache (default: $EG3D_HOME, else found from the jar)");

    private KernelCli() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty()) return usage("no subcommand given");
        switch (args.get(0)) {
            case "install":
                return install(args.subList(1, args.size()));
            case "run":
                if (args.size() != 2) return usage("run takes exactly one CONNECTION_FILE");
                runKernel(Path.of(args.get(1)));
                return 0;
            case "-h", "--help", "help":
                System.out.println(USAGE);
                return 0;
            default:
                return usage("unknown subcommand '" + args.get(0) + "'");
        }
    }

    private static int install(List<String> args) {
        Path kernelsDir = null;
        Path home = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (a) {
                case "--user" -> kernelsDir = userKernelsDir();
                case "--prefix" -> {
                    if (!hasValue) return usage("--prefix needs a folder");
                    kernelsDir = Path.of(args.get(++i), "share", "jupyter", "kernels");
                }
                case "--jupyter-path" -> {
                    if (!hasValue) return usage("--jupyter-path needs a folder");
                    kernelsDir = Path.of(args.get(++i), "kernels");
                }
                case "--home" -> {
                    if (!hasValue) return usage("--home needs a folder");
                    home = Path.of(args.get(++i));
                }
                default -> {
                    return usage("unknown option '" + a + "'");
                }
            }
        }
        if (kernelsDir == null) kernelsDir = userKernelsDir();
        Path jar = KernelOptions.locateKernelJar();
        if (home == null) home = defaultHome(jar);
        Path dir = new KernelSpec(jar, home.toAbsolutePath().normalize()).writeInto(kernelsDir.toAbsolutePath());
        System.out.println("Installed kernelspec " + KernelSpec.NAME + " in " + dir);
        return 0;
    }

    private static Path defaultHome(Path jar) {
        String env = System.getenv("EG3D_HOME");
        if (env != null && !env.isBlank()) return Path.of(env);
        // kernel-ext/target/eg3d-kernel.jar sits two folders below the repository root.
        Path p = jar.getParent();
        for (int i = 0; i < 2 && p != null && p.getParent() != null; i++) p = p.getParent();
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    private static Path userKernelsDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) return Path.of(data, "kernels");
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter").resolve("kernels");
    }

    private static void runKernel(Path connectionFile) throws Exception {
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException(connectionFile + ": no such connection file; Jupyter passes it as {connection_file}");
        }
        // The base kernel logs one INFO line per message; Jupyter's log needs only the warnings.
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(props);
        Eg3dKernel kernel = new Eg3dKernel(KernelOptions.fromEnvironment(System.getenv()));
        kernel.start(); // before connecting, so no cell can run ahead of the startup scripts
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    private static int usage(String problem) {
        System.err.println("eg3d kernel: " + problem + "\n" + USAGE);
        return 2;
    }
}
