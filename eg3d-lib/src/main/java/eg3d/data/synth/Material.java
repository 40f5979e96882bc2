package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A surface colour with a procedural texture: albedo(p) = rgb · (1 + Σ amount·sin(k·p + phase)),
 * clamped to [0, 1]. Plain colours have no waves; skin gets faint blotches, hair strands.
 */
public record Material(double[] rgb, List<Wave> waves) {
    /** One sinusoidal texture term: wave vector k (world units⁻¹), phase and relative amount. */
    public record Wave(double[] k, double phase, double amount) {}

    public static Material plain(double r, double g, double b) {
        return new Material(new double[] {r, g, b}, List.of());
    }

    /** The albedo at a surface point, written into {@code out}. */
    void albedo(double[] p, double[] out) {
        double f = 1;
        for (Wave w : waves) {
            f += w.amount * Math.sin(w.k[0] * p[0] + w.k[1] * p[1] + w.k[2] * p[2] + w.phase);
        }
        for (int i = 0; i < 3; i++) {
            out[i] = Math.min(1, Math.max(0, rgb[i] * f));
        }
    }

    ObjectNode toJson() {
        ObjectNode node = Raycaster.JSON.createObjectNode();
        Raycaster.putVector(node, "rgb", rgb);
        ArrayNode list = node.putArray("waves");
        for (Wave w : waves) {
            ObjectNode wave = list.addObject();
            Raycaster.putVector(wave, "k", w.k);
            wave.put("phase", w.phase).put("amount", w.amount);
        }
        return node;
    }
}
