package eg3d.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * IJava's cell functions, statically imported into every cell: {@code display}, {@code render},
 * {@code updateDisplay}, and {@code kernel()} for anything else the kernel offers.
 */
public final class Notebook {
    private Notebook() {}

    /** The running kernel; IJava's {@code getKernelInstance()}. */
    public static BaseKernel kernel() {
        return Eg3dKernel.current();
    }

    /** Renders an object with the registered hooks, without showing it. */
    public static DisplayData render(Object o) {
        return o instanceof DisplayData d ? d : kernel().getRenderer().render(o);
    }

    /** Renders an object as the given MIME types only, e.g. {@code render(img, "image/png")}. */
    public static DisplayData render(Object o, String... as) {
        return kernel().getRenderer().renderAs(o, as);
    }

    /** Shows an object now, from inside the running cell; returns the display id for {@link #updateDisplay}. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows an object as the given MIME types; returns the display id. */
    public static String display(Object o, String... as) {
        return show(render(o, as));
    }

    /** Replaces what the display {@code id} shows, in place. */
    public static void updateDisplay(String id, Object o) {
        kernel().getIO().display.updateDisplay(id, render(o));
    }

    /** Replaces what the display {@code id} shows, as the given MIME types. */
    public static void updateDisplay(String id, Object o, String... as) {
        kernel().getIO().display.updateDisplay(id, render(o, as));
    }

    private static String show(DisplayData data) {
        if (!data.hasDisplayId()) data.setDisplayId(UUID.randomUUID().toString());
        kernel().display(data);
        return data.getDisplayId();
    }
}
