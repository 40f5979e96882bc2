/** Progress reporting for long jobs (generation, videos, shapes, training), on a console or in a notebook. */
@NullMarked
package eg3d.progress;

import org.jspecify.annotations.NullMarked;
