package eg3d.kernel.display;

import eg3d.media.Images;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Locale;

/** Small HTML helpers shared by the hooks. */
final class Html {
    private Html() {}

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String pngBase64(BufferedImage image) {
        return Base64.getEncoder().encodeToString(Images.toPng(image));
    }

    static String pngDataUri(BufferedImage image) {
        return "data:image/png;base64," + pngBase64(image);
    }

    /** A JS string literal; also safe inside an inline script, since "</" never appears unescaped. */
    static String jsString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '/' -> out.append("\\/");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** A float for JSON with six significant digits: meshes stay small and exact enough for a plot. */
    static String num(float v) {
        if (!Float.isFinite(v)) return "null";
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) return s;
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
