package eg3d.kernel.display;

import eg3d.progress.ProgressListener;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A progress bar for notebooks: pass it where eg3d asks for a {@link ProgressListener} and it redraws
 * in place under the running cell, e.g. {@code video = Eg3d.turntable(..., new ProgressBar())}.
 */
public final class ProgressBar implements ProgressListener {
    private String task = "";
    private long total;
    private long done;
    private String detail = "";
    private @Nullable String summary;
    private @Nullable LiveDisplay live;

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.detail = "";
        this.summary = null;
        live = LiveDisplay.show(this);
    }

    @Override
    public synchronized void advance(long done, String detail) {
        this.done = done;
        this.detail = detail;
        refresh();
    }

    @Override
    public synchronized void finish(String summary) {
        this.done = Math.max(done, total);
        this.summary = summary;
        refresh();
    }

    private void refresh() {
        if (live == null) live = LiveDisplay.show(this);
        else live.update(this);
    }

    public synchronized long getDone() {
        return done;
    }

    public synchronized long getTotal() {
        return total;
    }

    synchronized String toHtml() {
        String max = total > 0 ? String.valueOf(total) : "1";
        String value = total > 0 ? String.valueOf(Math.min(done, total)) : (summary != null ? "1" : "0");
        return "<div class=\"eg3d-progress\"><b>" + Html.escape(task) + "</b> <progress max=\"" + max + "\" value=\""
                + value + "\" style=\"width:320px\"></progress> " + Html.escape(label()) + "</div>";
    }

    private String label() {
        String count = total > 0
                ? String.format(Locale.ROOT, "%d/%d (%d%%)", done, total, Math.round(100.0 * done / total))
                : String.valueOf(done);
        if (summary != null) return count + " done: " + summary;
        return detail.isEmpty() ? count : count + " " + detail;
    }

    @Override
    public synchronized String toString() {
        return task + ": " + label();
    }
}
