package eg3d.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads what cells compile to and the jars cells add, in a layer where the notebook's own jars win.
 *
 * <p>JShell hands every class path entry to both its compiler and this delegate. Entries that the
 * kernel or the project layer already serve are needed by the compiler only, so they are skipped
 * here: loading them twice would split one class into two incompatible copies.
 */
final class NotebookLoader implements LoaderDelegate {
    // Parent-first: the JDK, the kernel API cells call (display, render) and the project's own types,
    // which must be the very classes the registered display hooks were compiled against.
    private static final List<String> SHARED_PREFIXES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.",
            "io.github.spencerpark.", "eg3d.");

    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();
    private final Set<String> servedElsewhere = new HashSet<>();
    private final UserLayer userLayer;

    NotebookLoader(ClassLoader projectLayer, List<Path> compileOnly) {
        this.userLayer = new UserLayer(projectLayer);
        compileOnly.forEach(p -> servedElsewhere.add(p.toAbsolutePath().normalize().toString()));
    }

    ClassLoader classLoader() {
        return userLayer;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) snippetClasses.put(c.name(), c.bytecodes());
        for (int i = 0; i < classes.length; i++) {
            try {
                Class.forName(classes[i].name(), false, userLayer);
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cell class " + classes[i].name() + " failed to load: " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) snippetClasses.put(c.name(), c.bytecodes());
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (servedElsewhere.contains(p.toString())) continue;
            try {
                userLayer.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("class path entry " + entry + " is not a valid file path: " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, userLayer);
    }

    private final class UserLayer extends URLClassLoader {
        UserLayer(ClassLoader parent) {
            super("eg3d-notebook", new URL[0], parent);
        }

        void add(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = shared(name) ? parentThenSelf(name) : selfThenParent(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        private Class<?> parentThenSelf(String name) throws ClassNotFoundException {
            try {
                return getParent().loadClass(name);
            } catch (ClassNotFoundException e) {
                return findClass(name);
            }
        }

        private Class<?> selfThenParent(String name) throws ClassNotFoundException {
            try {
                return findClass(name);
            } catch (ClassNotFoundException e) {
                return getParent().loadClass(name);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = snippetClasses.get(name);
            if (bytes != null) return defineClass(name, bytes, 0, bytes.length);
            return super.findClass(name);
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        private boolean shared(String name) {
            for (String prefix : SHARED_PREFIXES) if (name.startsWith(prefix)) return true;
            return false;
        }
    }
}
