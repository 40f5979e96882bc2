package eg3d.kernel;

/** A cell stopped by an interrupt request or by {@code IJAVA_TIMEOUT}; the kernel keeps running. */
public final class CellInterruptedException extends RuntimeException {
    public CellInterruptedException(String message) {
        super(message, null, false, false);
    }
}
