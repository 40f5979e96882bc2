/**
 * The public entry point: {@link eg3d.Eg3d} loads or builds a generator and reaches every stage of
 * the pipeline from a notebook cell. Specs are immutable records with builders; results that hold
 * native memory are {@link AutoCloseable} (Kotlin: {@code use {}}).
 */
@NullMarked
package eg3d;

import org.jspecify.annotations.NullMarked;
