package eg3d.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.jspecify.annotations.Nullable;

/**
 * The kernel: Java cells evaluated by JShell in this JVM, IJava's magics, and the eg3d display hooks.
 * One instance per process; {@link #current()} finds it for code running in cells.
 */
public final class Eg3dKernel extends BaseKernel {
    private static volatile @Nullable Eg3dKernel current;

    // IJava's defaults (JShell's own plus the display helpers), then the streams and NIO files.
    private static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.io.*", "java.math.*", "java.net.*", "java.util.concurrent.*",
            "java.util.prefs.*", "java.util.regex.*", "java.util.function.*", "java.util.stream.*",
            "java.nio.file.*", "java.awt.image.BufferedImage",
            "io.github.spencerpark.jupyter.kernel.display.common.*",
            "io.github.spencerpark.jupyter.kernel.display.mime.*",
            "io.github.spencerpark.jupyter.kernel.display.DisplayData");
    private static final String STARTUP_RESOURCE = "eg3d-startup.jshell";

    private final KernelOptions options;
    private final NotebookExecutionControl control;
    private final JShell shell;
    private final Magics magics = new Magics();
    private final MagicParser magicParser = new MagicParser();
    private final LanguageInfo languageInfo = new LanguageInfo("java", Runtime.version().toString(),
            "text/x-java-source", ".jshell", "java", "java", "script");

    private record CellValue(boolean present, @Nullable Object value) {
        static final CellValue NONE = new CellValue(false, null);
    }

    public Eg3dKernel(KernelOptions options) {
        this.options = options;
        ClassLoader projectLayer = new URLClassLoader("eg3d-project", urls(options.projectJars()),
                Eg3dKernel.class.getClassLoader());
        List<Path> compileOnly = new ArrayList<>(options.projectJars());
        compileOnly.add(options.kernelJar());
        NotebookLoader loader = new NotebookLoader(projectLayer, compileOnly);
        this.control = new NotebookExecutionControl(loader, options.timeoutMillis());
        this.shell = JShell.builder().executionEngine(new ExecutionControlProvider() {
            @Override
            public String name() {
                return "eg3d-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        }, Map.of()).build();
        shell.addToClasspath(options.kernelJar().toString());
        options.projectJars().forEach(p -> shell.addToClasspath(p.toString()));
        new KernelMagics(this).registerInto(magics);
        current = this;
    }

    /** The kernel of this process, for code in cells (display functions, display hooks). */
    public static Eg3dKernel current() {
        Eg3dKernel k = current;
        if (k == null) throw new IllegalStateException("no eg3d kernel runs in this JVM; start one with ./eg3d kernel run");
        return k;
    }

    /** Class path, imports and startup scripts, in IJava's order; a failing script is reported, not fatal. */
    public void start() {
        for (Path p : Globs.expand(options.ijavaClasspath())) addToClasspath(p);
        List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);
        imports.addAll(projectPackages());
        for (String i : imports) evalQuietly("import " + i + ";");
        evalQuietly("import static eg3d.kernel.Notebook.*;");
        if (!options.projectJars().isEmpty()) runStartupScript(STARTUP_RESOURCE, projectStartupScript());
        for (Path script : Globs.expand(options.startupScriptsPath())) {
            try {
                runStartupScript(script.toString(), java.nio.file.Files.readString(script));
            } catch (IOException e) {
                System.err.println("IJAVA_STARTUP_SCRIPTS_PATH: cannot read " + script + ": " + e.getMessage());
            }
        }
        if (!options.startupScript().isBlank()) runStartupScript("IJAVA_STARTUP_SCRIPT", options.startupScript());
    }

    private void runStartupScript(String name, String code) {
        try {
            evalCell(code);
        } catch (RuntimeException e) {
            System.err.println("startup script " + name + " failed, the kernel goes on without it: " + e.getMessage());
        }
    }

    private String projectStartupScript() {
        Path hooks = options.projectJars().get(0);
        try (JarFile jar = new JarFile(hooks.toFile())) {
            JarEntry entry = jar.getJarEntry(STARTUP_RESOURCE);
            if (entry == null) return "";
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println(hooks + ": cannot read " + STARTUP_RESOURCE + ": " + e.getMessage());
            return "";
        }
    }

    /** The eg3d API packages in the project jars, imported by default (kernel internals excluded). */
    private List<String> projectPackages() {
        Set<String> packages = new TreeSet<>();
        for (Path jarPath : options.projectJars()) {
            if (!jarPath.getFileName().toString().equals(KernelOptions.HOOKS_JAR)) continue;
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith("eg3d/") && n.endsWith(".class") && !n.contains("$"))
                        .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                        .filter(p -> !p.startsWith("eg3d.shaded") && !p.equals("eg3d.kernel.jjava"))
                        .forEach(packages::add);
            } catch (IOException e) {
                System.err.println(jarPath + ": cannot list its packages: " + e.getMessage());
            }
        }
        return packages.stream().map(p -> p + ".*").collect(Collectors.toList());
    }

    private void evalQuietly(String code) {
        for (SnippetEvent e : shell.eval(code)) {
            if (e.status() == Snippet.Status.REJECTED) {
                System.err.println("kernel start: '" + code + "' was rejected: " + diagnostics(e.snippet()));
            }
        }
    }

    /** Adds a jar or class folder to the cells' class path (compiler and user class loader). */
    public void addToClasspath(Path path) {
        shell.addToClasspath(path.toAbsolutePath().toString());
    }

    @Override
    public @Nullable DisplayData eval(String code) {
        control.beginCell();
        CellValue v = evalCell(code);
        if (!v.present()) return null;
        Object value = v.value();
        if (value instanceof DisplayData d) return d;
        return getRenderer().render(value == null ? "null" : value);
    }

    /** Runs one cell: a cell magic, or line magics followed by Java; returns the last expression's value. */
    CellValue evalCell(String code) {
        try {
            CellMagicParseContext cellMagic = magicParser.parseCellMagic(code);
            if (cellMagic != null) {
                Object out = magics.applyCellMagic(cellMagic.getMagicCall().getName(),
                        cellMagic.getMagicCall().getArgs(), cellMagic.getMagicCall().getBody());
                return out instanceof CellValue cv ? cv : out == null ? CellValue.NONE : new CellValue(true, out);
            }
            List<Object> magicResults = new ArrayList<>();
            String java = magicParser.transformLineMagics(code, ctx -> {
                magicResults.add(applyLineMagic(ctx.getMagicCall().getName(), ctx.getMagicCall().getArgs(), ctx.getRaw()));
                return "";
            });
            if (java.isBlank() && magicResults.size() == 1) {
                Object out = magicResults.get(0);
                return out instanceof CellValue cv ? cv : out == null ? CellValue.NONE : new CellValue(true, out);
            }
            return evalJava(java);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CellException("magic failed: " + e.getMessage(), List.of(e.toString()));
        } finally {
            control.clearValues();
        }
    }

    private @Nullable Object applyLineMagic(String name, List<String> args, String raw) {
        try {
            if (name.equals("time")) return time(raw.trim().replaceFirst("^%time\\s*", ""));
            return magics.applyLineMagic(name, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CellException("%" + name + " failed: " + e.getMessage(), List.of("%" + name + ": " + e));
        }
    }

    /** {@code %time} and {@code %%time}: runs the code, then prints the wall time it took. */
    CellValue time(String code) {
        long start = System.nanoTime();
        try {
            return evalCell(code);
        } finally {
            // One println, so the line reaches the notebook as one stream message.
            System.out.println(String.format(Locale.ROOT, "Wall time: %.3f s", (System.nanoTime() - start) / 1e9));
        }
    }

    private CellValue evalJava(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        CellValue last = CellValue.NONE;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (!c.isComplete()) {
                // Hand the rest to JShell as it stands: its diagnostics say what is missing.
                last = evalSnippet(remaining);
                break;
            }
            last = evalSnippet(info.source());
            remaining = info.remaining();
        }
        return last;
    }

    private CellValue evalSnippet(String source) {
        CellValue result = CellValue.NONE;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) continue;
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) throw compileError(snippet);
            if (event.exception() != null) throw runtimeError(event.exception());
            String key = event.value();
            if (key != null && key.startsWith(NotebookExecutionControl.KEY_PREFIX)) {
                Object value = control.takeValue(key);
                if (showsValue(snippet)) result = new CellValue(true, value);
            }
        }
        return result;
    }

    private static boolean showsValue(Snippet s) {
        if (s instanceof ExpressionSnippet e) return !"void".equals(e.typeName());
        return s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && !"void".equals(v.typeName());
    }

    private CellException compileError(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        String source = snippet.source();
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        for (Diag d : diags) {
            lines.add("error: " + d.getMessage(Locale.ROOT));
            int pos = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = source.indexOf('\n', pos);
            lines.add("    " + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd));
            lines.add("    " + " ".repeat(pos - lineStart) + "^");
        }
        if (diags.isEmpty()) lines.add("JShell rejected: " + source.strip());
        String first = diags.isEmpty() ? "the snippet was rejected" : diags.get(0).getMessage(Locale.ROOT);
        return new CellException("compilation failed: " + first, lines);
    }

    private String diagnostics(Snippet snippet) {
        return shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
    }

    private RuntimeException runtimeError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException u) {
            String missing = shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.joining(", "));
            return new CellException("the cell uses " + u.getSnippet().source().strip()
                    + ", which cannot run until these are defined: " + missing, List.of("unresolved: " + missing));
        }
        EvalException e = (EvalException) ex;
        if (CellInterruptedException.class.getName().equals(e.getExceptionClassName())) {
            return new CellInterruptedException(e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        Throwable t = e;
        String prefix = "";
        while (t != null) {
            String className = t instanceof EvalException ev ? ev.getExceptionClassName() : t.getClass().getName();
            lines.add(prefix + className + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("jdk.internal.reflect")
                        || frame.getClassName().startsWith("eg3d.kernel.NotebookExecutionControl")) break;
                lines.add("\tat " + frame);
            }
            t = t.getCause();
            prefix = "Caused by: ";
        }
        return new CellException(e.getExceptionClassName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), lines);
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException c) return c.getTraceback();
        if (e instanceof CellInterruptedException) return List.of("Interrupted: " + e.getMessage());
        // A magic or renderer failure: its message says what to fix; the kernel's own frames would only bury it.
        List<String> lines = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) lines.add((t == e ? "" : "Caused by: ") + t);
        return lines;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = {at};
        List<String> options = new ArrayList<>(new LinkedHashSet<>(shell.sourceCodeAnalysis()
                .completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).collect(Collectors.toList())));
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public @Nullable DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(code, at, true);
        if (docs.isEmpty()) return null;
        return new DisplayData(docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) return IS_COMPLETE_YES;
        String remaining = code;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return IS_COMPLETE_BAD;
                case EMPTY:
                    return IS_COMPLETE_YES;
                default:
                    remaining = info.remaining();
            }
        }
        return IS_COMPLETE_YES;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (eg3d kernel, IJava-compatible)";
    }

    @Override
    public void interrupt() {
        control.stop();
    }

    @Override
    public void onShutdown(boolean restart) {
        shell.close();
    }

    private static URL[] urls(List<Path> paths) {
        return paths.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(p + " is not a valid class path entry", e);
            }
        }).toArray(URL[]::new);
    }
}
