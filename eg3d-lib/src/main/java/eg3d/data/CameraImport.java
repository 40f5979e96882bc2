package eg3d.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cameras from other tools, converted to EG3D's OpenCV cam2world with pixel intrinsics
 * ({@link PixelCamera}); the world frame is kept as the source defines it.
 * <ul>
 *   <li>NeRF {@code transforms.json} (Blender/OpenGL: the camera looks along −z with +y up):
 *       cam2world_cv = cam2world_gl · diag(1, −1, −1, 1), i.e. the camera's y and z axes flip.
 *       Focal from {@code fl_x}/{@code fl_y} (pixels at {@code w}×{@code h}) or
 *       {@code camera_angle_x}/{@code camera_angle_y} (radians).</li>
 *   <li>COLMAP text export: {@code images.txt} gives world2cam as a unit quaternion (QW QX QY QZ)
 *       and translation; cam2world = [Rᵀ | −Rᵀt]. COLMAP already uses OpenCV axes.
 *       {@code cameras.txt} gives pixel intrinsics for models SIMPLE_PINHOLE, PINHOLE,
 *       SIMPLE_RADIAL, RADIAL and OPENCV (distortion is not undone and is reported).</li>
 * </ul>
 */
public final class CameraImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CameraImport() {}

    /** A camera whose pixel intrinsics depend on the size the image turns out to have. */
    public interface Source {
        PixelCamera at(int width, int height);
    }

    /** The cameras found, keyed by image path as written in the file, plus warnings to show the user. */
    public record Imported(LinkedHashMap<String, Source> cameras, List<String> warnings) {}

    /** Parses a NeRF transforms.json; {@code where} names the file in messages. */
    public static Imported fromTransformsJson(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new DatasetException(where + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        JsonNode frames = root == null ? null : root.get("frames");
        if (frames == null || !frames.isArray() || frames.isEmpty()) {
            throw new DatasetException(where + ": field \"frames\" is missing or empty; expected {\"camera_angle_x\": ..., "
                    + "\"frames\": [{\"file_path\": ..., \"transform_matrix\": [[4 floats] x 4]}, ...]}");
        }
        LinkedHashMap<String, Source> cameras = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            JsonNode frame = frames.get(i);
            String at = where + " frames[" + i + "]";
            JsonNode path = frame.get("file_path");
            if (path == null || !path.isTextual()) {
                throw new DatasetException(at + ": field \"file_path\" is missing; give the image path relative to transforms.json");
            }
            float[] gl = matrix(frame.get("transform_matrix"), at + " (" + path.asText() + ") transform_matrix");
            float[] cv = gl.clone();
            for (int row = 0; row < 4; row++) {
                cv[row * 4 + 1] = -gl[row * 4 + 1];
                cv[row * 4 + 2] = -gl[row * 4 + 2];
            }
            Double flX = number(frame, root, "fl_x"), flY = number(frame, root, "fl_y");
            Double angleX = number(frame, root, "camera_angle_x"), angleY = number(frame, root, "camera_angle_y");
            Double cxJson = number(frame, root, "cx"), cyJson = number(frame, root, "cy");
            Double wJson = number(frame, root, "w"), hJson = number(frame, root, "h");
            if (flX == null && angleX == null) {
                throw new DatasetException(at + " (" + path.asText() + "): no focal length; give \"camera_angle_x\" (radians) or \"fl_x\" (pixels) at the top level or in the frame");
            }
            cameras.put(path.asText(), (w, h) -> {
                // Pixel values in the file refer to w×h from the file; rescale to the actual image.
                double sx = wJson == null ? 1 : w / wJson, sy = hJson == null ? 1 : h / hJson;
                double fx = flX != null ? flX * sx : 0.5 * w / Math.tan(angleX / 2);
                double fy = flY != null ? flY * sy : angleY != null ? 0.5 * h / Math.tan(angleY / 2) : fx;
                double cx = cxJson != null ? cxJson * sx : w / 2.0, cy = cyJson != null ? cyJson * sy : h / 2.0;
                return new PixelCamera(cv, fx, fy, cx, cy, 0);
            });
        }
        return new Imported(cameras, List.of());
    }

    /** Parses a COLMAP text export (cameras.txt and images.txt). */
    public static Imported fromColmap(byte[] camerasTxt, String camerasWhere, byte[] imagesTxt, String imagesWhere) {
        record Intrinsics(String model, int width, int height, double fx, double fy, double cx, double cy, boolean distorted) {}
        Map<Integer, Intrinsics> intrinsics = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = new String(camerasTxt, StandardCharsets.UTF_8).split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = camerasWhere + " line " + (n + 1);
            String[] t = line.split("\\s+");
            if (t.length < 5) {
                throw new DatasetException(at + ": expected CAMERA_ID MODEL WIDTH HEIGHT PARAMS..., got '" + line + "'");
            }
            double[] p = new double[t.length - 4];
            for (int k = 0; k < p.length; k++) {
                p[k] = parseDouble(t[k + 4], at, "PARAMS[" + k + "]");
            }
            String model = t[1];
            int width = (int) parseDouble(t[2], at, "WIDTH"), height = (int) parseDouble(t[3], at, "HEIGHT");
            int needed = switch (model) {
                case "SIMPLE_PINHOLE" -> 3;
                case "PINHOLE", "SIMPLE_RADIAL" -> 4;
                case "RADIAL" -> 5;
                case "OPENCV" -> 8;
                default -> throw new DatasetException(at + ": camera model " + model + " is not supported; use SIMPLE_PINHOLE, PINHOLE, "
                        + "SIMPLE_RADIAL, RADIAL or OPENCV (e.g. run COLMAP's image_undistorter and export the PINHOLE model)");
            };
            if (p.length != needed) {
                throw new DatasetException(at + ": model " + model + " takes " + needed + " parameters, got " + p.length);
            }
            Intrinsics in = switch (model) {
                case "SIMPLE_PINHOLE" -> new Intrinsics(model, width, height, p[0], p[0], p[1], p[2], false);
                case "PINHOLE" -> new Intrinsics(model, width, height, p[0], p[1], p[2], p[3], false);
                case "SIMPLE_RADIAL", "RADIAL" -> new Intrinsics(model, width, height, p[0], p[0], p[1], p[2],
                        java.util.Arrays.stream(p, 3, p.length).anyMatch(k -> k != 0));
                default -> new Intrinsics(model, width, height, p[0], p[1], p[2], p[3],
                        java.util.Arrays.stream(p, 4, p.length).anyMatch(k -> k != 0));
            };
            if (in.distorted()) {
                warnings.add(at + ": camera " + t[0] + " (" + model + ") has lens distortion, which EG3D's pinhole model ignores; "
                        + "undistort the images first (COLMAP image_undistorter) for exact poses");
            }
            intrinsics.put((int) parseDouble(t[0], at, "CAMERA_ID"), in);
        }

        LinkedHashMap<String, Source> cameras = new LinkedHashMap<>();
        lines = new String(imagesTxt, StandardCharsets.UTF_8).split("\\R", -1);
        boolean expectImage = true;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.startsWith("#")) {
                continue;
            }
            String[] t = line.isEmpty() ? new String[0] : line.split("\\s+");
            // Each image takes two lines; the second (its 2-D points, triples) may be empty, and
            // hand-written files often leave it out, which a 10-token image line gives away.
            boolean imageLine = t.length >= 10 && t.length % 3 != 0;
            if (!expectImage && !imageLine) {
                expectImage = true;
                continue;
            }
            if (t.length == 0) {
                continue;
            }
            String at = imagesWhere + " line " + (n + 1);
            if (t.length < 10) {
                throw new DatasetException(at + ": expected IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME, got '" + line + "'");
            }
            double qw = parseDouble(t[1], at, "QW"), qx = parseDouble(t[2], at, "QX"), qy = parseDouble(t[3], at, "QY"), qz = parseDouble(t[4], at, "QZ");
            double[] tr = {parseDouble(t[5], at, "TX"), parseDouble(t[6], at, "TY"), parseDouble(t[7], at, "TZ")};
            int cameraId = (int) parseDouble(t[8], at, "CAMERA_ID");
            String name = String.join(" ", java.util.Arrays.copyOfRange(t, 9, t.length));
            Intrinsics in = intrinsics.get(cameraId);
            if (in == null) {
                throw new DatasetException(at + ": image " + name + " uses CAMERA_ID " + cameraId + ", which " + camerasWhere + " does not define");
            }
            double norm = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
            if (Math.abs(norm - 1) > 1e-3) {
                throw new DatasetException(at + ": quaternion (" + qw + ", " + qx + ", " + qy + ", " + qz + ") has norm " + norm + "; COLMAP writes unit quaternions");
            }
            qw /= norm;
            qx /= norm;
            qy /= norm;
            qz /= norm;
            double[][] r = {  // world2cam rotation of the unit quaternion (Hamilton convention, as COLMAP)
                {1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qw * qz), 2 * (qx * qz + qw * qy)},
                {2 * (qx * qy + qw * qz), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qw * qx)},
                {2 * (qx * qz - qw * qy), 2 * (qy * qz + qw * qx), 1 - 2 * (qx * qx + qy * qy)}};
            float[] cam2world = new float[16];
            for (int i = 0; i < 3; i++) {
                double position = 0;
                for (int j = 0; j < 3; j++) {
                    cam2world[i * 4 + j] = (float) r[j][i];
                    position -= r[j][i] * tr[j];
                }
                cam2world[i * 4 + 3] = (float) position;
            }
            cam2world[15] = 1;
            cameras.put(name, (w, h) -> {
                double sx = (double) w / in.width(), sy = (double) h / in.height();
                return new PixelCamera(cam2world, in.fx() * sx, in.fy() * sy, in.cx() * sx, in.cy() * sy, 0);
            });
            expectImage = false;
        }
        if (cameras.isEmpty()) {
            throw new DatasetException(imagesWhere + ": no images found; expected lines IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
        }
        return new Imported(cameras, List.copyOf(warnings));
    }

    private static float[] matrix(@Nullable JsonNode node, String at) {
        if (node == null || !node.isArray() || (node.size() != 4 && node.size() != 3)) {
            throw new DatasetException(at + ": expected a 4×4 list of lists, got " + node);
        }
        float[] m = new float[16];
        m[15] = 1;
        for (int i = 0; i < node.size(); i++) {
            JsonNode row = node.get(i);
            if (!row.isArray() || row.size() != 4) {
                throw new DatasetException(at + ": row " + i + " is " + row + ", expected 4 numbers");
            }
            for (int j = 0; j < 4; j++) {
                if (!row.get(j).isNumber()) {
                    throw new DatasetException(at + ": entry [" + i + "][" + j + "] is " + row.get(j) + ", expected a number");
                }
                m[i * 4 + j] = row.get(j).floatValue();
            }
        }
        return m;
    }

    private static @Nullable Double number(JsonNode frame, JsonNode root, String field) {
        JsonNode v = frame.has(field) ? frame.get(field) : root.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    private static double parseDouble(String text, String at, String field) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DatasetException(at + ": " + field + " is '" + text + "', expected a number");
        }
    }
}
