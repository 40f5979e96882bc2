package eg3d.data;

/**
 * A dataset that cannot be read, converted or written. The message names the file, the field or
 * entry at fault, and how to fix it.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
