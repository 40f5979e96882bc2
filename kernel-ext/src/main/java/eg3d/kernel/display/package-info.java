/**
 * Display hooks: how a Jupyter kernel shows eg3d types, Tablesaw tables and figures, and live monitors,
 * all registered through {@link eg3d.kernel.display.Eg3dDisplay}.
 */
@NullMarked
package eg3d.kernel.display;

import org.jspecify.annotations.NullMarked;
