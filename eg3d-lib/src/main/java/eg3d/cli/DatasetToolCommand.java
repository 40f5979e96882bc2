package eg3d.cli;

import eg3d.data.CropTransform;
import eg3d.data.DatasetTool;
import eg3d.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d dataset-tool}: convert images with cameras into an EG3D dataset, with the official tool's options. */
@Command(name = "dataset-tool", aliases = "dataset_tool", mixinStandardHelpOptions = true,
        description = {"Convert a folder or zip of images with cameras (dataset.json, NeRF transforms.json, or COLMAP "
                + "cameras.txt + images.txt) into an EG3D dataset.",
            "Example: ./eg3d dataset-tool --source=photos/ --dest=photos256.zip --resolution=256 --transform=center-crop"})
final class DatasetToolCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "PATH", description = "Input folder or .zip.")
    Path source;

    @Option(names = "--dest", required = true, paramLabel = "PATH", description = "Output .zip or folder; must not exist.")
    Path dest;

    @Option(names = "--resolution", paramLabel = "R|WxH", description = "Output size, e.g. 256 or 256x256 (default: keep the source size).")
    @Nullable String resolution;

    @Option(names = "--transform", paramLabel = "center-crop|center-crop-wide", description = "How to make the images square.")
    @Nullable String transform;

    @Option(names = {"--max-images", "--max_images"}, paramLabel = "N", description = "Convert at most N images.")
    @Nullable Integer maxImages;

    @Override
    public Integer call() {
        Integer width = null, height = null;
        if (resolution != null) {
            String[] parts = resolution.toLowerCase().split("x");
            try {
                width = Integer.parseInt(parts[0].trim());
                height = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : width;
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("--resolution '" + resolution + "': give R or WxH, e.g. 256 or 512x384");
            }
            if (parts.length > 2) {
                throw new IllegalArgumentException("--resolution '" + resolution + "': give R or WxH, e.g. 256 or 512x384");
            }
        }
        DatasetTool.Spec spec = new DatasetTool.Spec(source, dest, width, height,
                transform == null ? null : CropTransform.parse(transform), maxImages);
        DatasetTool.Report report = DatasetTool.convert(spec, new ConsoleProgress(System.err));
        for (String note : report.notes()) {
            System.err.println("dataset-tool: note: " + note);
        }
        System.out.println("dataset-tool: " + report.images() + " images with cameras from " + report.cameraFormat() + " written to " + dest);
        return 0;
    }
}
