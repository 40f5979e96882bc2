package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A closed analytic surface that a ray can hit. Points and directions are world-space double[3]. */
public sealed interface Solid permits Ellipsoid, Box, Cylinder {
    /** Smallest t &gt; 0 with origin + t·direction on the surface, or +∞ when the ray misses. */
    double intersect(double[] origin, double[] direction);

    /** The outward unit normal at a surface point, written into {@code out}. */
    void normal(double[] point, double[] out);

    /** Zero on the surface, negative inside, positive outside (not a true distance). */
    double residual(double[] point);

    /** A bounding sphere as (cx, cy, cz, radius), for quick rejection. */
    double[] bounds();

    /** The parameters, for the dataset's ground truth. */
    ObjectNode toJson();
}
