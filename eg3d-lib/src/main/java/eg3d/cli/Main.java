package eg3d.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./eg3d}. */
@Command(name = "eg3d", mixinStandardHelpOptions = true, version = "eg3d 0.1.0",
        description = "EG3D (efficient geometry-aware 3D GANs) on the JVM: generate, render, check and train.",
        footer = {"", "The ./eg3d launcher adds:",
            "  kernel install|run         the Jupyter kernel with the EG3D display hooks",
            "  report NOTEBOOK [--out D]  a notebook executed headless into one HTML file",
            "                             with a provenance table (./eg3d report --help)"},
        subcommands = {
            QuickstartCommand.class,
            GenSamplesCommand.class,
            GenVideosCommand.class,
            ParityCommand.class,
            BenchCommand.class,
            ConvertCommand.class,
            InspectCommand.class,
            DatasetToolCommand.class,
            DatasetCheckCommand.class,
            SynthCommand.class,
            TrainCommand.class,
            FidCommand.class,
            CalcMetricsCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; errors print one clear line, not a stack trace. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // The official scripts take booleans as 1/0 or True/False (--mirror=1, --shapes=True).
        CommandLine.ITypeConverter<Boolean> bool = Main::parseBoolean;
        cli.registerConverter(Boolean.class, bool);
        cli.registerConverter(Boolean.TYPE, bool);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("eg3d " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("EG3D_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cli.execute(args);
    }

    static Boolean parseBoolean(String v) {
        switch (v.trim().toLowerCase()) {
            case "1": case "true": case "yes": case "y": case "on":
                return true;
            case "0": case "false": case "no": case "n": case "off":
                return false;
            default:
                throw new CommandLine.TypeConversionException("'" + v + "' is not a boolean; use true/false or 1/0");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
