/**
 * Media stage: turns generator outputs into things people look at, namely images, image grids,
 * depth maps and H.264 videos.
 */
@NullMarked
package eg3d.media;

import org.jspecify.annotations.NullMarked;
