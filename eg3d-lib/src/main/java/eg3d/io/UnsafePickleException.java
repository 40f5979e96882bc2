package eg3d.io;

/**
 * A pickle asked for something outside the whitelist: a global that could run code, an INST/OBJ
 * opcode, or a call of a non-callable. Thrown before any object of that kind is built.
 */
public class UnsafePickleException extends CheckpointException {
    private static final long serialVersionUID = 1L;

    private final String global;

    public UnsafePickleException(String global, String message) {
        super(message);
        this.global = global;
    }

    /** The refused {@code module.name}, e.g. {@code posix.system}. */
    public String getGlobal() {
        return global;
    }
}
