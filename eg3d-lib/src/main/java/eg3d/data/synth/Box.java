package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An axis-aligned box between two corners. */
public record Box(double[] min, double[] max) implements Solid {
    @Override
    public double intersect(double[] o, double[] d) {
        double near = Double.NEGATIVE_INFINITY, far = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            if (d[i] == 0) {
                if (o[i] < min[i] || o[i] > max[i]) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double t0 = (min[i] - o[i]) / d[i], t1 = (max[i] - o[i]) / d[i];
            near = Math.max(near, Math.min(t0, t1));
            far = Math.min(far, Math.max(t0, t1));
        }
        if (near > far) {
            return Double.POSITIVE_INFINITY;
        }
        if (near > Raycaster.EPSILON) {
            return near;
        }
        return far > Raycaster.EPSILON ? far : Double.POSITIVE_INFINITY;
    }

    @Override
    public void normal(double[] p, double[] out) {
        // The face is the axis along which the point sits farthest out, relative to the half-size.
        int axis = 0;
        double best = -1;
        for (int i = 0; i < 3; i++) {
            double half = (max[i] - min[i]) / 2;
            double u = Math.abs(p[i] - (min[i] + max[i]) / 2) / half;
            if (u > best) {
                best = u;
                axis = i;
            }
        }
        out[0] = out[1] = out[2] = 0;
        out[axis] = p[axis] > (min[axis] + max[axis]) / 2 ? 1 : -1;
    }

    @Override
    public double residual(double[] p) {
        double r = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            r = Math.max(r, Math.abs(p[i] - (min[i] + max[i]) / 2) - (max[i] - min[i]) / 2);
        }
        return r;
    }

    @Override
    public double[] bounds() {
        double dx = max[0] - min[0], dy = max[1] - min[1], dz = max[2] - min[2];
        return new double[] {(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2,
                Math.sqrt(dx * dx + dy * dy + dz * dz) / 2};
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = Raycaster.JSON.createObjectNode().put("type", "box");
        Raycaster.putVector(node, "min", min);
        Raycaster.putVector(node, "max", max);
        return node;
    }
}
