package eg3d.metrics;

import eg3d.nn.TorchScriptModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a parameter-free TorchScript module whose {@code forward} is given as source, so detector tests need neither Python nor a download. */
final class TorchScriptArchive {
    private TorchScriptArchive() {}

    /** Writes {@code dir/name.pt}: class {@code className} with the given forward body (4-space indented lines). */
    static Path write(Path dir, String name, String className, String forwardBody) {
        String methods = "  def forward(self: __torch__." + className + ",\n    x: Tensor) -> Tensor:\n" + forwardBody;
        try {
            return Files.write(dir.resolve(name + ".pt"), TorchScriptModule.archive(className, methods));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
