/**
 * Stage 6 of the pipeline: training. The EG3D loss (Gmain, Greg, Dmain, Dreg with lazy
 * regularisation), its schedules, Adam and the G_ema update, and the loop that writes snapshots,
 * statistics and image grids and resumes exactly where it stopped.
 */
@NullMarked
package eg3d.train;

import org.jspecify.annotations.NullMarked;
