package eg3d.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on a text stream. On a terminal it redraws one line in place: a bar, the count, the rate
 * and the time left. Anywhere else (CI logs, redirected output, notebooks capturing stderr) a redrawn
 * line would pile up as carriage returns, so it prints plain lines instead: the first and last step
 * always, others at most once a second.
 */
public final class ConsoleProgress implements ProgressListener {
    private static final long SECOND = 1_000_000_000L;
    private static final long REDRAW_INTERVAL = SECOND / 10;  // smooth enough, and cheap on slow terminals
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;                      // nanoseconds; replaceable so tests need no sleeping
    private String task = "";
    private long total;
    private long startNanos;
    private long lastPrintNanos;
    private long lastPrinted = -1;
    private int lastLineLength;

    /** To System.err, redrawing when the JVM has a console. */
    public ConsoleProgress() {
        this(System.err, System.console() != null);
    }

    /** To {@code out}, redrawing when the JVM has a console. */
    public ConsoleProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    /** To {@code out}; {@code interactive} chooses the redrawn bar over plain lines. */
    public ConsoleProgress(PrintStream out, boolean interactive) {
        this(out, interactive, System::nanoTime);
    }

    ConsoleProgress(PrintStream out, boolean interactive, LongSupplier clock) {
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
    }

    public boolean isInteractive() {
        return interactive;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
        this.lastPrinted = -1;
        this.lastLineLength = 0;
    }

    @Override
    public synchronized void advance(long done, String detail) {
        long now = clock.getAsLong();
        boolean first = lastPrinted < 0;
        boolean last = total > 0 && done >= total;
        long interval = interactive ? REDRAW_INTERVAL : SECOND;
        if (!first && !last && now - lastPrintNanos < interval) {
            return;
        }
        if (done == lastPrinted) {
            return;
        }
        lastPrinted = done;
        lastPrintNanos = now;
        String line = status(done, detail, now);
        if (interactive) {
            // Pad with spaces so a shorter line fully covers the previous one.
            String padded = line.length() < lastLineLength ? line + " ".repeat(lastLineLength - line.length()) : line;
            out.print("\r" + padded);
            lastLineLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void finish(String summary) {
        long elapsed = clock.getAsLong() - startNanos;
        String line = task + ": done in " + duration(elapsed) + (summary.isEmpty() ? "" : ", " + summary);
        if (interactive && lastLineLength > 0) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())) + "\n");
        } else {
            out.println(line);
        }
        out.flush();
        lastLineLength = 0;
    }

    private String status(long done, String detail, long now) {
        double seconds = (now - startNanos) / (double) SECOND;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder s = new StringBuilder(task).append(": ");
        if (interactive && total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
            s.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        }
        s.append(done);
        if (total > 0) {
            s.append('/').append(total).append(String.format(Locale.ROOT, " (%d%%)", 100 * done / total));
        }
        if (rate > 0) {
            s.append(", ").append(rate(rate));
            if (total > 0 && done < total) {
                s.append(", ETA ").append(duration((long) ((total - done) / rate * SECOND)));
            }
        }
        if (!detail.isEmpty()) {
            s.append(", ").append(detail);
        }
        return s.toString();
    }

    /** Steps per second, or seconds per step when steps are slow (a training tick, a 512² frame). */
    private static String rate(double perSecond) {
        return perSecond >= 1 ? String.format(Locale.ROOT, "%.1f it/s", perSecond)
                              : String.format(Locale.ROOT, "%.1f s/it", 1 / perSecond);
    }

    /** h:mm:ss, or m:ss under an hour. */
    static String duration(long nanos) {
        long s = Math.max(0, Math.round(nanos / (double) SECOND));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
