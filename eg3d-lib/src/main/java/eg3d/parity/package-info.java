/**
 * Replays the official reference fixtures through the port and reports the error per key: the
 * proof that this generator is EG3D. Used by {@code ./eg3d parity} and by the tests.
 */
@NullMarked
package eg3d.parity;

import org.jspecify.annotations.NullMarked;
