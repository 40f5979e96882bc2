package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.camera.CameraVector;
import java.util.List;

/**
 * One object seen by one camera: what a synthetic dataset stores per image.
 *
 * @param family the family that drew it
 * @param parts the object's pieces; the visible surface is their union
 * @param background the background colour, RGB in [0, 1]
 * @param light direction toward the light (unit length)
 * @param camera the 25-float EG3D label
 * @param pose how the camera was drawn (yaw, pitch, radius, pivot, fov), for the ground truth
 */
public record Scene(SceneFamily family, List<Part> parts, double[] background, double[] light,
        CameraVector camera, ObjectNode pose) {

    /** The ground truth as JSON: family, camera pose and label, background, light and every part. */
    public ObjectNode toJson() {
        ObjectNode node = Raycaster.JSON.createObjectNode().put("family", family.officialName());
        node.set("pose", pose);
        float[] c = camera.toArray();
        double[] label = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            label[i] = c[i];
        }
        Raycaster.putVector(node, "camera", label);
        Raycaster.putVector(node, "background", background);
        Raycaster.putVector(node, "light", light);
        node.putArray("parts").addAll(parts.stream().map(Part::toJson).toList());
        return node;
    }
}
