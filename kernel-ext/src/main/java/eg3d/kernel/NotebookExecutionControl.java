package eg3d.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;
import org.jspecify.annotations.Nullable;

/**
 * Runs cells in the kernel JVM on one dedicated thread, so an interrupt can reach the cell without
 * touching the threads that talk to Jupyter, and keeps each cell's value as an object for the renderer.
 *
 * <p>JShell only passes strings back from an execution engine, so the value of a cell is parked here
 * under a key, the key travels as the "string value", and the kernel takes the object back by key.
 */
final class NotebookExecutionControl extends DirectExecutionControl {
    private static final Object NULL = new Object();
    static final String KEY_PREFIX = "eg3d-value-";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private final ExecutorService cellThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "eg3d-cell");
        t.setDaemon(true);
        return t;
    });
    private final long timeoutMillis;
    private final NotebookLoader loader;
    private volatile @Nullable Thread running;
    private volatile boolean interruptRequested;

    NotebookExecutionControl(NotebookLoader loader, long timeoutMillis) {
        super(loader);
        this.loader = loader;
        this.timeoutMillis = timeoutMillis;
    }

    /** Called when a cell starts: an interrupt belongs to the cell it arrived during, compilation included. */
    void beginCell() {
        interruptRequested = false;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (interruptRequested) {
            throw new InvocationTargetException(new CellInterruptedException("the cell was interrupted before this statement ran"));
        }
        Future<Object> cell = cellThread.submit(() -> {
            running = Thread.currentThread();
            // Libraries that find their plugins through ServiceLoader and the context loader (DJL's engines)
            // must see the notebook's class path, not the kernel's.
            Thread.currentThread().setContextClassLoader(loader.classLoader());
            // stop() may have come between the check above and this thread starting.
            if (interruptRequested) Thread.currentThread().interrupt();
            try {
                Object value = doit.invoke(null);
                return value == null ? NULL : value;
            } finally {
                running = null;
                Thread.interrupted(); // the next cell starts with a clear flag
            }
        });
        Object value;
        try {
            value = timeoutMillis > 0 ? cell.get(timeoutMillis, TimeUnit.MILLISECONDS) : cell.get();
        } catch (TimeoutException e) {
            stop();
            value = awaitAfterInterrupt(cell);
            throw new InvocationTargetException(new CellInterruptedException(
                    "the cell ran past IJAVA_TIMEOUT (" + timeoutMillis + " ms) and was interrupted"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw new InvocationTargetException(e.getCause());
        }
        if (interruptRequested) {
            throw new InvocationTargetException(new CellInterruptedException(
                    "the cell was interrupted and stopped early; its value is discarded"));
        }
        String key = KEY_PREFIX + nextKey.incrementAndGet();
        values.put(key, value);
        return key;
    }

    private static @Nullable Object awaitAfterInterrupt(Future<Object> cell) throws Exception {
        try {
            return cell.get();
        } catch (ExecutionException e) {
            return null; // the interrupt surfaced as an exception; the timeout is what gets reported
        }
    }

    /** Interrupts the running cell; project loops check {@code Thread.interrupted()} and stop. */
    @Override
    public void stop() {
        interruptRequested = true;
        Thread t = running;
        if (t != null) t.interrupt();
    }

    /** The value a cell produced under {@code key}; null for no value or a null value. */
    @Nullable Object takeValue(String key) {
        Object v = values.remove(key);
        return v == NULL ? null : v;
    }

    /** Forgets the values of declarations, which the kernel never shows. */
    void clearValues() {
        values.clear();
    }

    @Override
    public void close() {
        cellThread.shutdownNow();
        super.close();
    }
}
