package eg3d.progress;

/**
 * Hears how a long job advances: one {@code start}, any number of {@code advance}, one {@code finish}.
 * Jobs report, listeners decide how to show it (a console bar, a notebook widget, nothing).
 */
public interface ProgressListener {
    /** The job {@code task} begins; {@code total} steps are expected, or 0 or less when unknown. */
    void start(String task, long total);

    /** {@code done} steps are complete so far (a running count, not an increment); detail may be empty. */
    void advance(long done, String detail);

    /** The job is over; summary says what it produced (may be empty). */
    void finish(String summary);

    /** A listener that ignores everything, for callers that want no report. */
    static ProgressListener none() {
        return Silent.INSTANCE;
    }

    /** The listener behind {@link #none()}. */
    enum Silent implements ProgressListener {
        INSTANCE;

        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long done, String detail) {}

        @Override
        public void finish(String summary) {}
    }
}
