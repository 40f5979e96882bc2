package eg3d.gen;

/** Which output a frame shows, with the official spellings. */
public enum ImageMode {
    IMAGE("image"), IMAGE_DEPTH("image_depth"), IMAGE_RAW("image_raw");

    private final String official;

    ImageMode(String official) {
        this.official = official;
    }

    public String official() {
        return official;
    }

    public static ImageMode parse(String s) {
        for (ImageMode m : values()) {
            if (m.official.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--image-mode '" + s + "': expected image, image_depth or image_raw");
    }
}
