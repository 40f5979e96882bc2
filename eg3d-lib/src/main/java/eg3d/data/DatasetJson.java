package eg3d.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dataset.json}: {@code {"labels": [[file, [25 floats]], ...]}}, with file names relative to
 * the dataset root and '/'-separated, as the official dataset tool writes them.
 */
public final class DatasetJson {
    public static final String FILE_NAME = "dataset.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetJson() {}

    /**
     * Parses the labels, checking the structure and every camera ({@link CameraLabels#check}).
     * {@code where} names the file in messages.
     */
    public static LinkedHashMap<String, float[]> parse(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new DatasetException(where + ": not valid JSON (" + e.getOriginalMessage() + "); fix the file or re-create it with ./eg3d dataset-tool", e);
        } catch (IOException e) {
            throw new DatasetException(where + ": cannot read (" + e + ")", e);
        }
        JsonNode labels = root == null ? null : root.get("labels");
        if (labels == null || !labels.isArray()) {
            throw new DatasetException(where + ": field \"labels\" is missing or not a list; expected {\"labels\": [[\"00000/img00000000.png\", [25 floats]], ...]}");
        }
        LinkedHashMap<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode entry = labels.get(i);
            String at = where + " labels[" + i + "]";
            if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual()) {
                throw new DatasetException(at + ": expected [file name, [25 floats]], got " + abbreviate(entry));
            }
            String name = entry.get(0).asText();
            at += " ('" + name + "')";
            JsonNode values = entry.get(1);
            if (!values.isArray()) {
                throw new DatasetException(at + ": the label is " + abbreviate(values) + ", expected a list of 25 floats");
            }
            float[] c = new float[values.size()];
            for (int k = 0; k < c.length; k++) {
                if (!values.get(k).isNumber()) {
                    throw new DatasetException(at + ": value " + k + " is " + values.get(k) + ", expected a number");
                }
                c[k] = values.get(k).floatValue();
            }
            CameraLabels.check(c, at);
            if (out.put(name, c) != null) {
                throw new DatasetException(at + ": '" + name + "' is labelled twice; keep one entry per image");
            }
        }
        return out;
    }

    /** The JSON text for labels in iteration order. */
    public static byte[] write(Map<String, float[]> labels) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("labels");
        labels.forEach((name, c) -> {
            ArrayNode entry = list.addArray();
            entry.add(name);
            ArrayNode values = entry.addArray();
            for (float v : c) {
                values.add(v);
            }
        });
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dataset.json: cannot encode labels: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
