package eg3d.metrics;

import eg3d.data.synth.Npy;

/**
 * The stored ground-truth depth of a synthetic dataset: {@code depth/<image path without
 * extension>.npy}, float32 [R,R], distance along each pixel's unit centre ray, 0 where the ray hits
 * nothing (the layout in {@code datasets/README.md}). Background pixels come back as NaN, so
 * {@link DepthDistribution} and {@link DepthReprojection} skip them.
 */
public final class GroundTruthDepth {
    private GroundTruthDepth() {}

    /** Whether image 0 has a stored depth map. */
    public static boolean isPresent(ImageSet images) {
        return images.readEntry(depthPath(images.getFileName(0))) != null;
    }

    /** The depth map [R·R] of image i, NaN on background. */
    public static float[] read(ImageSet images, int index) {
        String name = depthPath(images.getFileName(index));
        byte[] bytes = images.readEntry(name);
        if (bytes == null) {
            throw new IllegalArgumentException(images.getPath() + ": no ground-truth depth " + name
                    + "; geometry metrics need a synthetic dataset made by ./eg3d synth");
        }
        int[] size = images.getSize(index);
        float[] depth;
        try {
            depth = Npy.readFloat32(bytes, size[0], size[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(images.getPath() + ": " + name + ": " + e.getMessage()
                    + " (the depth map must be float32 [H,W] like its image)", e);
        }
        for (int i = 0; i < depth.length; i++) {
            if (!(depth[i] > 0)) {
                depth[i] = Float.NaN;
            }
        }
        return depth;
    }

    /** The foreground depths of the first {@code count} images, concatenated (NaN kept for background). */
    public static float[] readAll(ImageSet images, int count) {
        int n = Math.min(count, images.size());
        float[][] maps = new float[n][];
        int total = 0;
        for (int i = 0; i < n; i++) {
            maps[i] = read(images, i);
            total += maps[i].length;
        }
        float[] all = new float[total];
        int offset = 0;
        for (float[] m : maps) {
            System.arraycopy(m, 0, all, offset, m.length);
            offset += m.length;
        }
        return all;
    }

    static String depthPath(String imageName) {
        int dot = imageName.lastIndexOf('.');
        return "depth/" + (dot > 0 ? imageName.substring(0, dot) : imageName) + ".npy";
    }
}
