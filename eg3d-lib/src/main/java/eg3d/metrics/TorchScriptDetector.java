package eg3d.metrics;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import eg3d.nn.Shapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A detector from a TorchScript file, loaded offline through DJL's PyTorch engine. Its
 * {@code forward(x)} takes float32 [N,3,H,W] in [0, 255] and returns [N,D]; see the package
 * documentation for how to make the standard Inception one. The hash is the file's SHA-256.
 */
public final class TorchScriptDetector implements FeatureDetector {
    private final Model model;
    private final String name;
    private final String hash;

    private TorchScriptDetector(Model model, String name, String hash) {
        this.model = model;
        this.name = name;
        this.hash = hash;
    }

    /** Loads {@code file} (any name; {@code .pt} is conventional). */
    public static TorchScriptDetector load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--detector " + file + ": no such file; give a TorchScript file "
                    + "(see the eg3d.metrics package documentation for how to make the Inception one)");
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Model model = Model.newInstance(name, "PyTorch");
        try {
            model.load(file);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("--detector " + file + ": not a loadable TorchScript module ("
                    + e.getMessage() + "); save it with torch.jit.save", e);
        }
        return new TorchScriptDetector(model, name, Hashing.ofFile(file));
    }

    @Override
    public NDArray features(NDArray images) {
        Shapes.check("detector input images", images, Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        NDArray x = images.getDataType() == DataType.FLOAT32 ? images : images.toType(DataType.FLOAT32, false);
        NDList out = model.getBlock().forward(new ParameterStore(images.getManager(), false), new NDList(x), false);
        NDArray features = out.get(0);
        if (features.getShape().dimension() != 2 || features.getShape().get(0) != images.getShape().get(0)) {
            throw new IllegalStateException("detector " + name + ": forward returned " + features.getShape()
                    + " for " + images.getShape().get(0) + " images; the contract is [N, D]");
        }
        features.attach(images.getManager());
        return features.toType(DataType.FLOAT32, false);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getHash() {
        return hash;
    }

    @Override
    public void close() {
        model.close();
    }
}
