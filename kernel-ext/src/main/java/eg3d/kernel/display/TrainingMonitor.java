package eg3d.kernel.display;

import eg3d.train.Trainer;
import eg3d.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A live training view: one small line chart per named series (losses, scores) and the latest image
 * (e.g. a sample grid), redrawn in place under the running cell on every {@link #log} or {@link #setImage}.
 * Charts are inline SVG, so updates stay cheap and need no script.
 */
public final class TrainingMonitor {
    private static final int CHART_W = 260;
    private static final int CHART_H = 90;

    private final String title;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private @Nullable BufferedImage image;
    private @Nullable String status;
    private long lastStep;
    private @Nullable LiveDisplay live;

    private TrainingMonitor(String title) {
        this.title = title;
    }

    /** Shows an empty monitor below the running cell. */
    public static TrainingMonitor show(String title) {
        TrainingMonitor m = new TrainingMonitor(title);
        m.live = LiveDisplay.show(m);
        return m;
    }

    /** A monitor that is not shown yet; {@code display(monitor)} or the cell value shows it once. */
    public static TrainingMonitor detached(String title) {
        return new TrainingMonitor(title);
    }

    /** Appends one point per named value at {@code step}, then redraws. */
    public synchronized void log(long step, Map<String, ? extends Number> values) {
        lastStep = step;
        values.forEach((name, v) -> series.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new double[] {step, v.doubleValue()}));
        refresh();
    }

    /** Replaces the image shown beside the charts, then redraws. */
    public synchronized void setImage(BufferedImage image) {
        this.image = image;
        refresh();
    }

    /** Replaces the one-line status shown under the title (throughput, last snapshot, why a run stopped). */
    public synchronized void setStatus(String status) {
        this.status = status;
        refresh();
    }

    /**
     * This monitor as a training run's listener: every iteration's losses by their official names
     * ("Loss/G/loss", …) against the batch index, the G_ema grid whenever the run writes one, and
     * throughput, snapshots and the reason for stopping as the status line.
     */
    public TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void onStep(double kimg, long batchIdx, Map<String, Double> losses) {
                log(batchIdx, losses);
            }

            @Override
            public void onTick(double kimg, double kimgPerSecond, double secondsPerStep, Map<String, Double> means) {
                setStatus(String.format(Locale.ROOT, "kimg %.3f, %.2f s/step", kimg, secondsPerStep));
            }

            @Override
            public void onImages(double kimg, BufferedImage fakes, BufferedImage fakesRaw, BufferedImage fakesDepth) {
                setImage(fakes);
            }

            @Override
            public void onSnapshot(double kimg, Path file) {
                setStatus(String.format(Locale.ROOT, "kimg %.3f, snapshot %s", kimg, file.getFileName()));
            }

            @Override
            public void onEnd(double kimg, Trainer.Stop reason, String message) {
                setStatus(reason + ": " + message);
            }
        };
    }

    /** The points of one series as (step, value) pairs; empty for an unknown name. */
    public synchronized List<double[]> getSeries(String name) {
        return List.copyOf(series.getOrDefault(name, List.of()));
    }

    private void refresh() {
        if (live != null) live.update(this);
    }

    synchronized String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"eg3d-monitor\"><b>").append(Html.escape(title))
                .append("</b> step ").append(lastStep);
        if (status != null) html.append(" <small>").append(Html.escape(status)).append("</small>");
        html.append("<div style=\"display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start\">");
        series.forEach((name, points) -> html.append(chart(name, points)));
        if (image != null) {
            html.append("<img style=\"max-width:256px\" src=\"").append(Html.pngDataUri(image)).append("\">");
        }
        return html.append("</div></div>").toString();
    }

    private static String chart(String name, List<double[]> points) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            if (Double.isFinite(p[1])) {
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (maxX == minX) maxX = minX + 1;
        if (!(maxY > minY)) {
            minY = Double.isFinite(minY) ? minY - 0.5 : 0;
            maxY = minY + 1;
        }
        StringBuilder poly = new StringBuilder();
        for (double[] p : points) {
            if (!Double.isFinite(p[1])) continue;
            double x = 4 + (p[0] - minX) / (maxX - minX) * (CHART_W - 8);
            double y = CHART_H - 4 - (p[1] - minY) / (maxY - minY) * (CHART_H - 8);
            poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        double last = points.get(points.size() - 1)[1];
        return String.format(Locale.ROOT, "<figure style=\"margin:0\"><svg width=\"%d\" height=\"%d\" style=\"background:#fafafa;border:1px solid #ddd\">"
                        + "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"%s\"/></svg>"
                        + "<figcaption>%s = %.4g <small>[%.3g, %.3g]</small></figcaption></figure>",
                CHART_W, CHART_H, poly.toString().trim(), Html.escape(name), last, minY, maxY);
    }

    @Override
    public synchronized String toString() {
        StringBuilder s = new StringBuilder(title + " step " + lastStep);
        series.forEach((name, points) -> s.append(String.format(Locale.ROOT, ", %s=%.4g", name,
                points.get(points.size() - 1)[1])));
        if (status != null) s.append("; ").append(status);
        return s.toString();
    }
}
