/** The {@code ./eg3d} command line: one subcommand per job, with the official option spellings as aliases. */
@NullMarked
package eg3d.cli;

import org.jspecify.annotations.NullMarked;
