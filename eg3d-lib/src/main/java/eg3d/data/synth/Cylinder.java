package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A capped cylinder whose axis is parallel to world z (a wheel's axle runs across the car). */
public record Cylinder(double[] center, double radius, double halfLength) implements Solid {
    @Override
    public double intersect(double[] o, double[] d) {
        double best = Double.POSITIVE_INFINITY;
        double ox = o[0] - center[0], oy = o[1] - center[1], oz = o[2] - center[2];
        double a = d[0] * d[0] + d[1] * d[1];
        if (a > 0) {
            double b = ox * d[0] + oy * d[1];
            double c = ox * ox + oy * oy - radius * radius;
            double disc = b * b - a * c;
            if (disc >= 0) {
                double root = Math.sqrt(disc);
                for (double t : new double[] {(-b - root) / a, (-b + root) / a}) {
                    if (t > Raycaster.EPSILON && t < best && Math.abs(oz + t * d[2]) <= halfLength) {
                        best = t;
                    }
                }
            }
        }
        if (d[2] != 0) {
            for (double cap : new double[] {-halfLength, halfLength}) {
                double t = (cap - oz) / d[2];
                double x = ox + t * d[0], y = oy + t * d[1];
                if (t > Raycaster.EPSILON && t < best && x * x + y * y <= radius * radius) {
                    best = t;
                }
            }
        }
        return best;
    }

    @Override
    public void normal(double[] p, double[] out) {
        double x = p[0] - center[0], y = p[1] - center[1], z = p[2] - center[2];
        double side = Math.abs(Math.sqrt(x * x + y * y) - radius), cap = Math.abs(Math.abs(z) - halfLength);
        if (cap < side) {
            out[0] = 0;
            out[1] = 0;
            out[2] = Math.signum(z);
        } else {
            out[0] = x;
            out[1] = y;
            out[2] = 0;
            Raycaster.normalize(out);
        }
    }

    @Override
    public double residual(double[] p) {
        double x = p[0] - center[0], y = p[1] - center[1], z = p[2] - center[2];
        return Math.max(Math.sqrt(x * x + y * y) - radius, Math.abs(z) - halfLength);
    }

    @Override
    public double[] bounds() {
        return new double[] {center[0], center[1], center[2], Math.sqrt(radius * radius + halfLength * halfLength)};
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = Raycaster.JSON.createObjectNode().put("type", "cylinder");
        Raycaster.putVector(node, "center", center);
        node.put("radius", radius).put("half_length", halfLength).put("axis", "z");
        return node;
    }
}
