package eg3d.io;

/**
 * A checkpoint or network pickle that cannot be read or written. The message names the file,
 * where in it the problem is, and what to do about it.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
