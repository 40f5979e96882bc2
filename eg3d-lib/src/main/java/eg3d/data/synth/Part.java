package eg3d.data.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One named piece of an object: its geometry and its material. */
public record Part(String name, Solid solid, Material material) {
    ObjectNode toJson() {
        ObjectNode node = Raycaster.JSON.createObjectNode().put("name", name);
        node.setAll(solid.toJson());
        node.set("material", material.toJson());
        return node;
    }
}
