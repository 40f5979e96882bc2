package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One unit of native-memory work (a forward, a frame, a chunk of rays).
 *
 * <p>An op's result belongs to the manager of the array it was called on. A scope borrows the
 * persistent arrays it touches ({@code tempAttach}), so every temporary, including those made
 * from a parameter, is born here and dies on {@link #close()}. Only what {@link #ret} hands back
 * survives, attached to the caller's manager. This is what keeps RSS flat over long loops.
 */
public final class Scope implements AutoCloseable {
    private final NDManager parent;
    private final NDManager manager;

    private Scope(NDManager parent) {
        this.parent = parent;
        this.manager = parent.newSubManager();
    }

    /** A scope under {@code parent}, the manager that will own the results. */
    public static Scope open(NDManager parent, NDArray[]... borrowed) {
        Scope s = new Scope(parent);
        for (NDArray[] group : borrowed) {
            s.manager.tempAttachAll(group);
        }
        return s;
    }

    /** Borrows more arrays for the life of this scope. */
    public Scope borrow(NDArray... arrays) {
        manager.tempAttachAll(arrays);
        return this;
    }

    /** The scope's own manager, for creating arrays. */
    public NDManager manager() {
        return manager;
    }

    /** Moves a result out to the parent manager, so it survives the scope. */
    public NDArray ret(NDArray result) {
        result.attach(parent);
        return result;
    }

    @Override
    public void close() {
        manager.close();
    }
}
