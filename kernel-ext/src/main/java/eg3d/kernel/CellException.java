package eg3d.kernel;

import java.util.List;

/**
 * A cell that failed to compile or threw; Jupyter shows it as an {@code error} output whose
 * traceback is {@link #getTraceback()}, and the kernel goes on.
 */
public final class CellException extends RuntimeException {
    private final List<String> traceback;

    public CellException(String message, List<String> traceback) {
        // The kernel's own stack says nothing about the cell; the traceback above is what Jupyter shows.
        super(message, null, false, false);
        this.traceback = List.copyOf(traceback);
    }

    public List<String> getTraceback() {
        return traceback;
    }
}
