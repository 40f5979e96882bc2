package eg3d.cli;

import eg3d.data.CameraCheck;
import eg3d.data.DatasetOptions;
import eg3d.data.Eg3dDataset;
import eg3d.media.Images;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./eg3d dataset-check DATA}: validate a dataset and summarise and draw its cameras. */
@Command(name = "dataset-check", aliases = "dataset_check", mixinStandardHelpOptions = true,
        description = {"Validate an EG3D dataset, print a camera summary, and draw the camera frustums and pose distribution.",
            "Example: ./eg3d dataset-check heads64.zip   (writes heads64-cameras.png next to it)"})
final class DatasetCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "Dataset .zip or folder.")
    Path data;

    @Option(names = "--out", paramLabel = "PNG", description = "Where to write the picture (default: DATA-cameras.png next to DATA).")
    @Nullable Path out;

    @Override
    public Integer call() {
        try (Eg3dDataset dataset = Eg3dDataset.open(data, DatasetOptions.defaults())) {
            CameraCheck check = CameraCheck.of(dataset);
            float[][] cameras = new float[dataset.size()][];
            for (int i = 0; i < cameras.length; i++) {
                cameras[i] = dataset.camera(i);
            }
            Path picture = out != null ? out : data.toAbsolutePath().normalize().resolveSibling(dataset.getName() + "-cameras.png");
            Images.writePng(check.picture(cameras), picture);
            System.out.println(data + ": valid EG3D dataset");
            System.out.print(check.toText());
            System.out.println("picture      " + picture);
        }
        return 0;
    }
}
