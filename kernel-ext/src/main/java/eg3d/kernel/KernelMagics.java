package eg3d.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.CellMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** IJava's magics: {@code %maven}, {@code %mavenRepo}, {@code %jars}, {@code %classpath}, {@code %%loadFromPOM}, {@code %load}, plus {@code %%time}. */
final class KernelMagics {
    private final Eg3dKernel kernel;
    private final MavenDependencies maven = new MavenDependencies();

    KernelMagics(Eg3dKernel kernel) {
        this.kernel = kernel;
    }

    void registerInto(Magics magics) {
        magics.registerLineMagic("maven", (LineMagicFunction<Void>) this::maven);
        magics.registerLineMagic("mavenRepo", (LineMagicFunction<Void>) this::mavenRepo);
        magics.registerLineMagic("jars", (LineMagicFunction<Void>) this::jars);
        magics.registerLineMagic("classpath", (LineMagicFunction<Void>) this::jars);
        magics.registerLineMagic("load", (LineMagicFunction<Object>) this::load);
        magics.registerCellMagic("loadFromPOM", (CellMagicFunction<Void>) (args, body) -> loadFromPom(body));
        magics.registerCellMagic("time", (CellMagicFunction<Object>) (args, body) -> kernel.time(body));
    }

    private Void maven(List<String> args) {
        if (args.isEmpty()) throw usage("%maven group:artifact:version [more coordinates]");
        addAll(maven.resolve(args), "%maven " + String.join(" ", args));
        return null;
    }

    private Void mavenRepo(List<String> args) {
        if (args.size() != 2) throw usage("%mavenRepo ID URL");
        maven.addRepository(args.get(0), args.get(1));
        return null;
    }

    private Void jars(List<String> args) {
        if (args.isEmpty()) throw usage("%jars PATH_OR_GLOB [more]");
        List<Path> paths = new ArrayList<>();
        for (String a : args) paths.addAll(Globs.expandOne(a));
        if (paths.isEmpty()) throw new IllegalArgumentException("%jars " + String.join(" ", args) + " matched no file");
        addAll(paths, null);
        return null;
    }

    private Void loadFromPom(String body) {
        addAll(maven.resolvePom(body), "%%loadFromPOM");
        return null;
    }

    private Object load(List<String> args) {
        if (args.size() != 1) throw usage("%load FILE");
        Path file = Path.of(args.get(0));
        try {
            return kernel.evalCell(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("%load " + file.toAbsolutePath() + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private void addAll(List<Path> jars, String announce) {
        for (Path p : jars) kernel.addToClasspath(p);
        if (announce != null) System.out.println(announce + ": added " + jars.size() + " jar(s) to the class path");
    }

    private static IllegalArgumentException usage(String usage) {
        return new IllegalArgumentException("usage: " + usage);
    }
}
