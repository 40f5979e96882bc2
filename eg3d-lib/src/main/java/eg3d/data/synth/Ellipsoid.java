package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An axis-aligned ellipsoid: ((x−c)/r)² summed over the axes equals 1. */
public record Ellipsoid(double[] center, double[] radii) implements Solid {
    @Override
    public double intersect(double[] o, double[] d) {
        // In the frame where the ellipsoid is the unit sphere: |o' + t·d'|² = 1.
        double ox = (o[0] - center[0]) / radii[0], oy = (o[1] - center[1]) / radii[1], oz = (o[2] - center[2]) / radii[2];
        double dx = d[0] / radii[0], dy = d[1] / radii[1], dz = d[2] / radii[2];
        double a = dx * dx + dy * dy + dz * dz;
        double b = ox * dx + oy * dy + oz * dz;
        double c = ox * ox + oy * oy + oz * oz - 1;
        double disc = b * b - a * c;
        if (disc < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double root = Math.sqrt(disc);
        double t = (-b - root) / a;
        if (t > Raycaster.EPSILON) {
            return t;
        }
        t = (-b + root) / a;
        return t > Raycaster.EPSILON ? t : Double.POSITIVE_INFINITY;
    }

    @Override
    public void normal(double[] p, double[] out) {
        for (int i = 0; i < 3; i++) {
            out[i] = (p[i] - center[i]) / (radii[i] * radii[i]);
        }
        Raycaster.normalize(out);
    }

    @Override
    public double residual(double[] p) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            double u = (p[i] - center[i]) / radii[i];
            s += u * u;
        }
        return Math.sqrt(s) - 1;
    }

    @Override
    public double[] bounds() {
        return new double[] {center[0], center[1], center[2], Math.max(radii[0], Math.max(radii[1], radii[2]))};
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = Raycaster.JSON.createObjectNode().put("type", "ellipsoid");
        Raycaster.putVector(node, "center", center);
        Raycaster.putVector(node, "radii", radii);
        return node;
    }
}
