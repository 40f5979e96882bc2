package eg3d.kernel.display;

import java.util.List;

/**
 * How one type is shown: the MIME types sent by default, those sent only on request, and the encoder.
 * Kernel-neutral, so IJava's and JJava's renderers register the same table.
 *
 * @param preferred MIME types in the default bundle, richest first ({@code text/plain} last as the fallback)
 * @param supported MIME types encoded only when a cell asks, e.g. {@code render(volume, "image/png")}
 */
public record DisplayHook<T>(Class<T> type, List<String> preferred, List<String> supported, Encoder<T> encoder) {

    /** Encodes a value as one MIME type: a String for text types, base64 for images. */
    @FunctionalInterface
    public interface Encoder<T> {
        Object encode(T value, String mimeType);
    }

    public DisplayHook {
        preferred = List.copyOf(preferred);
        supported = List.copyOf(supported);
    }

    /** Runs the encoder, and names the type and MIME type when it fails, so the cell error says what broke. */
    public Object encodeChecked(Object value, String mimeType) {
        try {
            return encoder.encode(type.cast(value), mimeType);
        } catch (RuntimeException e) {
            throw new IllegalStateException("display hook for " + type.getName() + " failed to encode " + value
                    + " as " + mimeType + ": " + e, e);
        }
    }
}
