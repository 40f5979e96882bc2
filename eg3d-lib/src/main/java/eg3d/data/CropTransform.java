package eg3d.data;

import java.util.Locale;

/** How {@code dataset-tool} makes square images, as the official tool's {@code --transform}. */
public enum CropTransform {
    /** Crop the central square (side = the shorter edge), then resize to R×R. */
    CENTER_CROP("center-crop"),
    /**
     * Crop the centre to the W:H aspect of {@code --resolution WxH}, resize to W×H, and paste it
     * centred on a black square canvas of max(W, H) (letterboxing, for wide photos such as cars).
     */
    CENTER_CROP_WIDE("center-crop-wide");

    private final String officialName;

    CropTransform(String officialName) {
        this.officialName = officialName;
    }

    public String officialName() {
        return officialName;
    }

    public static CropTransform parse(String name) {
        for (CropTransform t : values()) {
            if (t.officialName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("--transform: unknown value '" + name + "'; choose center-crop or center-crop-wide");
    }
}
