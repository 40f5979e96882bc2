/**
 * The notebook kernel: a Jupyter kernel that runs Java cells in JShell inside its own JVM, speaks
 * IJava's dialect (environment variables, display functions, magics) and loads the eg3d display hooks.
 *
 * <p>Class loaders, from the kernel outwards: the application loader holds this package and the
 * kernel's own libraries, relocated under {@code eg3d.shaded}; the project layer holds the display
 * hooks jar, eg3d-lib and its libraries; the user layer holds jars added by {@code %maven},
 * {@code %jars} and {@code IJAVA_CLASSPATH} plus the classes JShell compiles from cells. The user
 * layer looks in its own jars first, so a library version a notebook asks for is the one it gets.
 */
@NullMarked
package eg3d.kernel;

import org.jspecify.annotations.NullMarked;
