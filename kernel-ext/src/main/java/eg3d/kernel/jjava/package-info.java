/** The JJava adapter: registers the eg3d display hooks through JJava's {@code Extension} service. */
@NullMarked
package eg3d.kernel.jjava;

import org.jspecify.annotations.NullMarked;
