package eg3d.kernel.display;

import eg3d.Sample;
import eg3d.media.Video;
import eg3d.model.Generated;
import eg3d.render.TriPlanes;
import eg3d.shape.DensityVolume;
import eg3d.shape.Mesh;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one place that teaches a Jupyter kernel how to show eg3d types. Our kernel and stock IJava call
 * it from the startup script {@code eg3d-startup.jshell}; JJava reaches the same {@link #hooks()} through
 * its {@code Extension}. A new type is one more line in {@link #hooks()}.
 */
public final class Eg3dDisplay {
    private static final Map<Object, Boolean> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

    private Eg3dDisplay() {}

    /** Every hook, kernel-neutral; the Tablesaw ones only when Tablesaw is on the class path. */
    public static List<DisplayHook<?>> hooks() {
        List<DisplayHook<?>> hooks = new ArrayList<>(List.of(
                new DisplayHook<>(BufferedImage.class, List.of("image/png", "text/plain"), List.of(),
                        (img, mime) -> mime.equals("image/png") ? Html.pngBase64(img) : imageText(img)),
                new DisplayHook<>(Sample.class, List.of("image/png", "text/plain"), List.of(),
                        (s, mime) -> mime.equals("image/png") ? Html.pngBase64(ModelPictures.sample(s)) : s.toString()),
                new DisplayHook<>(Generated.class, List.of("image/png", "text/plain"), List.of(),
                        (g, mime) -> mime.equals("image/png") ? Html.pngBase64(ModelPictures.generated(g)) : ModelPictures.generatedText(g)),
                new DisplayHook<>(TriPlanes.class, List.of("image/png", "text/plain"), List.of(),
                        (t, mime) -> mime.equals("image/png") ? Html.pngBase64(ModelPictures.triPlanes(t)) : ModelPictures.triPlanesText(t)),
                new DisplayHook<>(Video.class, List.of("text/html", "text/plain"), List.of(),
                        (v, mime) -> mime.equals("text/html") ? MediaHtml.video(v) : MediaHtml.videoText(v)),
                new DisplayHook<>(DensityVolume.class, List.of("text/html", "text/plain"), List.of("image/png"),
                        (v, mime) -> switch (mime) {
                            case "text/html" -> MediaHtml.sliceViewer(v);
                            case "image/png" -> Html.pngBase64(MediaHtml.sliceGrid(v));
                            default -> v.toString();
                        }),
                new DisplayHook<>(Mesh.class, List.of("text/html", "text/plain"), List.of(),
                        (m, mime) -> mime.equals("text/html") ? MediaHtml.meshPlot(m) : m.toString()),
                new DisplayHook<>(ProgressBar.class, List.of("text/html", "text/plain"), List.of(),
                        (p, mime) -> mime.equals("text/html") ? p.toHtml() : p.toString()),
                new DisplayHook<>(TrainingMonitor.class, List.of("text/html", "text/plain"), List.of(),
                        (t, mime) -> mime.equals("text/html") ? t.toHtml() : t.toString()),
                new DisplayHook<>(Provenance.class, List.of("text/html", "text/plain"), List.of(),
                        (p, mime) -> mime.equals("text/html") ? p.toHtml() : p.toString())));
        if (present("tech.tablesaw.api.Table") && present("tech.tablesaw.plotly.components.Figure")) {
            hooks.addAll(TablesawHooks.hooks());
        }
        return hooks;
    }

    /** Registers every hook with an IJava-family renderer; a second call for the same renderer does nothing. */
    public static void registerAll(Renderer renderer) {
        if (REGISTERED.put(renderer, Boolean.TRUE) != null) return;
        for (DisplayHook<?> hook : hooks()) register(renderer, hook);
    }

    /** For startup scripts: finds the kernel this code runs in (ours or stock IJava) and registers with it. */
    public static void registerWithRunningKernel() {
        registerAll(RunningKernel.get().getRenderer());
    }

    private static <T> void register(Renderer renderer, DisplayHook<T> hook) {
        List<String> all = new ArrayList<>(hook.preferred());
        all.addAll(hook.supported());
        renderer.createRegistration(hook.type())
                .preferring(hook.preferred().toArray(String[]::new))
                .supporting(hook.supported().toArray(String[]::new))
                .register((value, context) -> {
                    for (String mime : all) {
                        context.renderIfRequested(MIMEType.parse(mime), () -> hook.encodeChecked(value, mime));
                    }
                });
    }

    static String imageText(BufferedImage img) {
        return String.format(Locale.ROOT, "BufferedImage %dx%d", img.getWidth(), img.getHeight());
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Eg3dDisplay.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The IJava-family kernel of this JVM: stock IJava's or ours, found by name so neither is required. */
    static final class RunningKernel {
        private RunningKernel() {}

        static BaseKernel get() {
            ClassLoader loader = Eg3dDisplay.class.getClassLoader();
            for (String[] accessor : new String[][] {
                    {"io.github.spencerpark.ijava.IJava", "getKernelInstance"}, {"eg3d.kernel.Notebook", "kernel"}}) {
                try {
                    Object k = Class.forName(accessor[0], true, loader).getMethod(accessor[1]).invoke(null);
                    if (k instanceof BaseKernel kernel) return kernel;
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not this kernel; try the next
                }
            }
            throw new IllegalStateException("eg3d display hooks: no IJava-compatible kernel found in this JVM "
                    + "(looked for io.github.spencerpark.ijava.IJava and eg3d.kernel.Notebook); run them inside a Java notebook");
        }
    }
}
