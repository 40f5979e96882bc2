package eg3d.data;

import eg3d.media.Images;
import eg3d.progress.ProgressListener;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts a folder or ZIP of images with cameras into an EG3D dataset, like the official
 * {@code dataset_tool.py}. The cameras come from the source's {@code dataset.json} (already EG3D
 * labels), else a NeRF {@code transforms*.json}, else a COLMAP text export
 * ({@code cameras.txt} + {@code images.txt}, in any sub-folder). Crops and resizes update the
 * intrinsics, so every label stays exact.
 */
public final class DatasetTool {
    /**
     * @param source folder or .zip of images with cameras
     * @param dest output .zip or folder; must not exist
     * @param width output width (null: keep the source size, which must then be square and uniform)
     * @param height output height (equal to width unless center-crop-wide letterboxes)
     * @param transform how to square the images, or null for none
     * @param maxImages convert at most this many (null: all)
     */
    public record Spec(Path source, Path dest, @Nullable Integer width, @Nullable Integer height,
            @Nullable CropTransform transform, @Nullable Integer maxImages) {
        public Spec {
            if ((width == null) != (height == null) || (width != null && (width <= 0 || height <= 0))) {
                throw new IllegalArgumentException("--resolution: give a positive size R or WxH, got " + width + "x" + height);
            }
            if (transform != null && width == null) {
                throw new IllegalArgumentException("--transform " + transform.officialName() + " needs --resolution (e.g. --resolution 256)");
            }
            if (width != null && !width.equals(height) && transform != CropTransform.CENTER_CROP_WIDE) {
                throw new IllegalArgumentException("--resolution " + width + "x" + height + ": EG3D images are square; "
                        + "give one size, or WxH together with --transform center-crop-wide");
            }
            if (maxImages != null && maxImages <= 0) {
                throw new IllegalArgumentException("--max-images is " + maxImages + "; give at least 1");
            }
        }
    }

    /** What was converted: the image count, the source's camera format, and notes for the user. */
    public record Report(int images, String cameraFormat, List<String> notes) {}

    private DatasetTool() {}

    public static Report convert(Spec spec, ProgressListener progress) {
        try (DatasetSource source = DatasetSource.open(spec.source());
             DatasetWriter writer = DatasetWriter.create(spec.dest())) {
            List<String> images = source.names().stream().filter(DatasetSource::isImage).toList();
            List<String> notes = new ArrayList<>();
            String[] format = new String[1];
            Map<String, CameraImport.Source> cameras = cameras(source, images, notes, format);
            List<String> kept = new ArrayList<>();
            for (String image : images) {
                if (cameras.containsKey(image)) {
                    kept.add(image);
                }
            }
            if (kept.size() < images.size()) {
                List<String> skipped = images.stream().filter(i -> !cameras.containsKey(i)).toList();
                notes.add("skipped " + skipped.size() + " image(s) without a camera, e.g. " + skipped.get(0));
            }
            if (spec.maxImages() != null && kept.size() > spec.maxImages()) {
                kept = kept.subList(0, spec.maxImages());
            }
            progress.start("dataset-tool", kept.size());
            int[] first = null;
            for (int i = 0; i < kept.size(); i++) {
                String name = kept.get(i);
                BufferedImage image = decode(source, name);
                PixelCamera camera = cameras.get(name).at(image.getWidth(), image.getHeight());
                if (spec.width() == null) {
                    if (image.getWidth() != image.getHeight()) {
                        throw new DatasetException(source.where(name) + ": the image is " + image.getWidth() + "x" + image.getHeight()
                                + " but EG3D needs square images; add --transform center-crop --resolution R");
                    }
                    if (first == null) {
                        first = new int[] {image.getWidth(), image.getHeight()};
                    } else if (first[0] != image.getWidth()) {
                        throw new DatasetException(source.where(name) + ": the image is " + image.getWidth() + "x" + image.getHeight()
                                + " but " + kept.get(0) + " is " + first[0] + "x" + first[1] + "; add --resolution R to resize them all");
                    }
                }
                Squared out = square(image, camera, spec);
                writer.addImage(DatasetWriter.imageName(i, "png"), Images.toPng(out.image), out.camera.label(out.image.getWidth()));
                progress.advance(i + 1, name);
            }
            writer.commit();
            progress.finish(kept.size() + " images written to " + spec.dest());
            return new Report(kept.size(), format[0], List.copyOf(notes));
        }
    }

    /** The cameras by image name in the source, from the first format found. */
    private static Map<String, CameraImport.Source> cameras(DatasetSource source, List<String> images, List<String> notes, String[] format) {
        if (source.exists(DatasetJson.FILE_NAME)) {
            format[0] = "dataset.json";
            Map<String, CameraImport.Source> out = new LinkedHashMap<>();
            DatasetJson.parse(source.read(DatasetJson.FILE_NAME), source.where(DatasetJson.FILE_NAME))
                    .forEach((name, c) -> out.put(name, (w, h) -> PixelCamera.fromLabel(c, w, h)));
            return requirePresent(out, source, DatasetJson.FILE_NAME);
        }
        List<String> transforms = source.names().stream()
                .filter(n -> n.substring(n.lastIndexOf('/') + 1).matches("transforms.*\\.json")).toList();
        if (!transforms.isEmpty()) {
            format[0] = "transforms.json";
            Map<String, CameraImport.Source> out = new LinkedHashMap<>();
            for (String file : transforms) {
                String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
                Map<String, CameraImport.Source> found = new LinkedHashMap<>();
                CameraImport.fromTransformsJson(source.read(file), source.where(file)).cameras()
                        .forEach((path, camera) -> found.put(resolveNerfPath(source, images, dir, path, file), camera));
                out.putAll(requirePresent(found, source, file));
            }
            return out;
        }
        for (String file : source.names()) {
            if (file.equals("images.txt") || file.endsWith("/images.txt")) {
                String dir = file.substring(0, file.length() - "images.txt".length());
                if (!source.exists(dir + "cameras.txt")) {
                    continue;
                }
                format[0] = "COLMAP";
                CameraImport.Imported imported = CameraImport.fromColmap(source.read(dir + "cameras.txt"), source.where(dir + "cameras.txt"),
                        source.read(file), source.where(file));
                notes.addAll(imported.warnings());
                Map<String, CameraImport.Source> out = new LinkedHashMap<>();
                imported.cameras().forEach((name, camera) -> out.put(resolveColmapName(images, name), camera));
                return requirePresent(out, source, file);
            }
        }
        throw new DatasetException(source.path + ": no cameras found; put EG3D labels in dataset.json, a NeRF transforms.json, "
                + "or a COLMAP text export (cameras.txt and images.txt, from `colmap model_converter --output_type TXT`) in the source");
    }

    private static Map<String, CameraImport.Source> requirePresent(Map<String, CameraImport.Source> cameras, DatasetSource source, String file) {
        for (String name : cameras.keySet()) {
            if (!source.exists(name)) {
                throw new DatasetException(source.where(file) + ": lists a camera for '" + name + "' but " + source.path
                        + " has no such image; add the image or remove its entry");
            }
        }
        return cameras;
    }

    /** NeRF paths are relative to the JSON file and often lack the extension ("./train/r_0"). */
    private static String resolveNerfPath(DatasetSource source, List<String> images, String dir, String path, String file) {
        String relative = normalise(dir + path);
        if (DatasetSource.isImage(relative)) {
            return relative;
        }
        for (String ext : new String[] {".png", ".jpg", ".jpeg", ".PNG", ".JPG"}) {
            if (source.exists(relative + ext)) {
                return relative + ext;
            }
        }
        throw new DatasetException(source.where(file) + ": file_path '" + path + "' matches no image (tried " + relative
                + " with .png, .jpg, .jpeg); fix the path, which is relative to the JSON file");
    }

    /** COLMAP names are relative to the image folder COLMAP was given: try the root, images/, then a unique base name. */
    private static String resolveColmapName(List<String> images, String name) {
        for (String candidate : new String[] {name, "images/" + name}) {
            if (images.contains(candidate)) {
                return candidate;
            }
        }
        List<String> matches = images.stream().filter(i -> i.endsWith("/" + name)).toList();
        return matches.size() == 1 ? matches.get(0) : name;
    }

    private static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty()) {
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static BufferedImage decode(DatasetSource source, String name) {
        try {
            BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(source.read(name)));
            if (image == null) {
                throw new DatasetException(source.where(name) + ": not a readable PNG or JPEG image; re-encode or remove it");
            }
            return image;
        } catch (IOException e) {
            throw new DatasetException(source.where(name) + ": cannot decode (" + e.getMessage() + "); re-encode or remove it", e);
        }
    }

    private record Squared(BufferedImage image, PixelCamera camera) {}

    private static Squared square(BufferedImage image, PixelCamera camera, Spec spec) {
        int w = image.getWidth(), h = image.getHeight();
        if (spec.width() == null) {
            return new Squared(toRgb(image), camera);
        }
        int outW = spec.width(), outH = spec.height();
        if (spec.transform() == null) {
            if (w != h) {
                throw new DatasetException(spec.source() + ": an image is " + w + "x" + h + " but EG3D needs square images; add --transform center-crop");
            }
            return new Squared(resize(image, outW, outH), camera.scale((double) outW / w, (double) outH / h, 0, 0));
        }
        // Crop the centre to the output's aspect ratio (a square for center-crop), with integer offsets.
        int cw = w, ch = h;
        if ((long) w * outH > (long) h * outW) {
            cw = (int) Math.round((double) h * outW / outH);
        } else {
            ch = (int) Math.round((double) w * outH / outW);
        }
        int x0 = (w - cw) / 2, y0 = (h - ch) / 2;
        BufferedImage resized = resize(image.getSubimage(x0, y0, cw, ch), outW, outH);
        int canvas = Math.max(outW, outH), ox = (canvas - outW) / 2, oy = (canvas - outH) / 2;
        PixelCamera cropped = camera.crop(x0, y0).scale((double) outW / cw, (double) outH / ch, ox, oy);
        if (canvas == outW && canvas == outH) {
            return new Squared(resized, cropped);
        }
        BufferedImage square = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = square.createGraphics();
        g.drawImage(resized, ox, oy, null);
        g.dispose();
        return new Squared(square, cropped);
    }

    /** Area averaging when shrinking (no aliasing), bicubic when growing. */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        if (width == image.getWidth() && height == image.getHeight()) {
            g.drawImage(image, 0, 0, null);
        } else if (width < image.getWidth() || height < image.getHeight()) {
            g.drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } else {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, width, height, null);
        }
        g.dispose();
        return out;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        return resize(image, image.getWidth(), image.getHeight());
    }
}
