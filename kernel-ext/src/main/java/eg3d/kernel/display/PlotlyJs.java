package eg3d.kernel.display;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * plotly.js from the webjar, inlined into the first plot of a kernel session and reused by the rest,
 * so plots draw offline and in exported HTML without a CDN.
 */
public final class PlotlyJs {
    public static final String VERSION = "2.35.3";
    private static final String RESOURCE = "META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";
    private static final AtomicBoolean EMBEDDED = new AtomicBoolean();

    private PlotlyJs() {}

    /**
     * The script tags that define {@code window.Plotly}: the whole library the first time in this
     * kernel, nothing after. Call {@link #embedAgain()} when the cell that held it was cleared.
     */
    public static String scriptOnce() {
        if (EMBEDDED.getAndSet(true)) return "";
        // Notebook pages may carry require.js; plotly's UMD header would then register an AMD module
        // instead of window.Plotly, so define is hidden while the library runs.
        return "<script>window.__eg3dDefine = window.define; window.define = undefined;</script>\n"
                + "<script type=\"text/javascript\">" + source().replace("</script", "<\\/script") + "</script>\n"
                + "<script>window.define = window.__eg3dDefine;</script>\n";
    }

    /** Makes the next plot embed plotly.js again. */
    public static void embedAgain() {
        EMBEDDED.set(false);
    }

    /** A div and the script that draws {@code figureJs} (a function of the div) once plotly.js is there. */
    static String plotHtml(String figureJs, int heightPx) {
        String id = "eg3d-plot-" + UUID.randomUUID();
        return scriptOnce() + "<div id=\"" + id + "\" style=\"width:100%;height:" + heightPx + "px\"></div>\n"
                + "<script>(function draw() { if (!window.Plotly) { setTimeout(draw, 50); return; } var div = document.getElementById("
                + Html.jsString(id) + "); (" + figureJs + ")(div); })();</script>";
    }

    private static String source() {
        try (InputStream in = PlotlyJs.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js " + VERSION + " is not on the class path (" + RESOURCE
                        + "); add it with %maven org.webjars.npm:plotly.js-dist:" + VERSION);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
