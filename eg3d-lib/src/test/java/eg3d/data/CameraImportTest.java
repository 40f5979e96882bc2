package eg3d.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.camera.CameraVector;
import eg3d.media.Images;
import eg3d.progress.ProgressListener;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camera import round trips: hand-made NeRF and COLMAP files describing known OpenCV cameras come
 * out of dataset-tool as exactly those cameras, with the intrinsics updated for the crop.
 */
class CameraImportTest {
    private static final int W = 48, H = 32;
    private static final double FOCAL_PX = 40;   // at 48×32
    // After center-crop to 32×32 (offset 8) and resize to 16: focal 20 px of 16, principal point centred.
    private static final float[] EXPECTED_INTRINSICS = {1.25f, 0, 0.5f, 0, 1.25f, 0.5f, 0, 0, 1};

    @TempDir
    Path dir;

    private static String row(float[] m, int i) {
        return String.format(Locale.ROOT, "[%.9f, %.9f, %.9f, %.9f]", m[i * 4], m[i * 4 + 1], m[i * 4 + 2], m[i * 4 + 3]);
    }

    private static float[] openGl(float[] opencv) {
        float[] gl = Arrays.copyOf(opencv, 16);
        for (int r = 0; r < 4; r++) {
            gl[r * 4 + 1] = -gl[r * 4 + 1];
            gl[r * 4 + 2] = -gl[r * 4 + 2];
        }
        return gl;
    }

    private DatasetTool.Report convert(Path source, Path dest, Integer resolution, CropTransform transform) {
        return DatasetTool.convert(new DatasetTool.Spec(source, dest, resolution, resolution, transform, null), ProgressListener.none());
    }

    private void assertCamerasRoundTrip(Path dest, int count) {
        try (Eg3dDataset dataset = Eg3dDataset.open(dest, DatasetOptions.defaults())) {
            assertEquals(count, dataset.size());
            assertEquals(16, dataset.getResolution());
            for (int i = 0; i < count; i++) {
                float[] got = dataset.label(i), want = TestData.camera(i);
                assertArrayEquals(Arrays.copyOf(want, 16), Arrays.copyOf(got, 16), 2e-6f, "cam2world " + i);
                assertArrayEquals(EXPECTED_INTRINSICS, Arrays.copyOfRange(got, 16, 25), 1e-6f, "intrinsics " + i);
                assertTrue(CameraVector.of(got).rotationError() < 1e-5);
            }
            // The crop keeps the middle: output pixel (3, 5) averages source pixels x 14–15, y 10–11.
            BufferedImage image = dataset.image(0);
            int rgb = image.getRGB(3, 5);
            assertEquals(14.5, (rgb >> 16) & 0xff, 1.0);
            assertEquals(10.5, (rgb >> 8) & 0xff, 1.0);
        }
    }

    @Test
    void nerfTransformsJsonRoundTripsThroughCenterCrop() {
        TestData source = new TestData();
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"camera_angle_x\": %.12f, \"frames\": [",
                2 * Math.atan(0.5 * W / FOCAL_PX)));
        for (int i = 0; i < 3; i++) {
            source.put("train/r_" + i + ".png", Images.toPng(TestData.gradient(W, H, i)));
            float[] gl = openGl(TestData.camera(i));
            json.append(i == 0 ? "" : ",").append("{\"file_path\": \"./train/r_").append(i).append("\", \"transform_matrix\": [")
                    .append(row(gl, 0)).append(',').append(row(gl, 1)).append(',').append(row(gl, 2)).append(',').append(row(gl, 3)).append("]}");
        }
        source.put("transforms.json", json.append("]}").toString());
        source.put("train/r_0_depth.png", Images.toPng(TestData.gradient(W, H, 9)));     // no camera: skipped, reported
        Path dest = dir.resolve("nerf.zip");
        DatasetTool.Report report = convert(source.writeFolder(dir.resolve("nerf")), dest, 16, CropTransform.CENTER_CROP);
        assertEquals("transforms.json", report.cameraFormat());
        assertEquals(3, report.images());
        assertTrue(report.notes().get(0).startsWith("skipped 1 image(s) without a camera, e.g. train/r_0_depth.png"), report.notes().toString());
        assertCamerasRoundTrip(dest, 3);
    }

    @Test
    void colmapTextExportRoundTripsThroughCenterCrop() {
        TestData source = new TestData();
        source.put("sparse/0/cameras.txt", String.format(Locale.ROOT,
                "# Camera list with one line of data per camera:\n1 PINHOLE %d %d %f %f %f %f\n2 SIMPLE_PINHOLE %d %d %f %f %f\n",
                W, H, FOCAL_PX, FOCAL_PX, W / 2.0, H / 2.0, 2 * W, 2 * H, 2 * FOCAL_PX, (double) W, (double) H));
        StringBuilder images = new StringBuilder("# Image list with two lines of data per image:\n");
        for (int i = 0; i < 3; i++) {
            float[] c = TestData.camera(i);
            double[][] r = new double[3][3];     // world2cam = transpose of the cam2world rotation
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    r[a][b] = c[b * 4 + a];
                }
            }
            double[] t = new double[3];
            for (int a = 0; a < 3; a++) {
                t[a] = -(r[a][0] * c[3] + r[a][1] * c[7] + r[a][2] * c[11]);
            }
            double[] q = quaternion(r);
            // Camera 2 describes the same lens at twice the size: the import rescales to the real image.
            images.append(String.format(Locale.ROOT, "%d %.12f %.12f %.12f %.12f %.12f %.12f %.12f %d r_%d.png\n",
                    i + 1, q[0], q[1], q[2], q[3], t[0], t[1], t[2], i == 2 ? 2 : 1, i));
            if (i != 1) {                  // image 2's points line is left out, as hand-written files do
                images.append(i == 0 ? "\n" : "10.5 20.5 -1 11.0 3.0 7\n");
            }
            source.put("images/r_" + i + ".png", Images.toPng(TestData.gradient(W, H, i)));
        }
        source.put("sparse/0/images.txt", images.toString());
        Path dest = dir.resolve("colmap");
        DatasetTool.Report report = convert(source.writeZip(dir.resolve("colmap-source.zip")), dest, 16, CropTransform.CENTER_CROP);
        assertEquals("COLMAP", report.cameraFormat());
        assertCamerasRoundTrip(dest, 3);
    }

    /** Shepperd's method: a unit quaternion (w, x, y, z) for a rotation matrix. */
    private static double[] quaternion(double[][] m) {
        double trace = m[0][0] + m[1][1] + m[2][2];
        if (trace > 0) {
            double s = 2 * Math.sqrt(trace + 1);
            return new double[] {s / 4, (m[2][1] - m[1][2]) / s, (m[0][2] - m[2][0]) / s, (m[1][0] - m[0][1]) / s};
        }
        if (m[0][0] > m[1][1] && m[0][0] > m[2][2]) {
            double s = 2 * Math.sqrt(1 + m[0][0] - m[1][1] - m[2][2]);
            return new double[] {(m[2][1] - m[1][2]) / s, s / 4, (m[0][1] + m[1][0]) / s, (m[0][2] + m[2][0]) / s};
        }
        if (m[1][1] > m[2][2]) {
            double s = 2 * Math.sqrt(1 + m[1][1] - m[0][0] - m[2][2]);
            return new double[] {(m[0][2] - m[2][0]) / s, (m[0][1] + m[1][0]) / s, s / 4, (m[1][2] + m[2][1]) / s};
        }
        double s = 2 * Math.sqrt(1 + m[2][2] - m[0][0] - m[1][1]);
        return new double[] {(m[1][0] - m[0][1]) / s, (m[0][2] + m[2][0]) / s, (m[1][2] + m[2][1]) / s, s / 4};
    }

    @Test
    void anEg3dSourceIsResizedWithItsLabelsUnchanged() {
        Path source = TestData.valid(2).writeFolder(dir.resolve("src"));
        Path dest = dir.resolve("up.zip");
        DatasetTool.Report report = convert(source, dest, 16, null);
        assertEquals("dataset.json", report.cameraFormat());
        try (Eg3dDataset dataset = Eg3dDataset.open(dest, DatasetOptions.defaults())) {
            assertEquals(16, dataset.getResolution());
            assertArrayEquals(TestData.camera(1), dataset.label(1), 0f);
        }
    }

    @Test
    void centerCropWideLetterboxesAndMovesThePrincipalPointWithTheImage() {
        TestData source = TestData.valid(0);
        source.put("a.png", Images.toPng(TestData.gradient(W, H, 0)));
        float[] c = TestData.camera(0);
        c[16] = (float) (FOCAL_PX / W);
        c[20] = (float) (FOCAL_PX / H);
        source.put("dataset.json", DatasetJson.write(java.util.Map.of("a.png", c)));
        Path dest = dir.resolve("wide.zip");
        DatasetTool.convert(new DatasetTool.Spec(source.writeFolder(dir.resolve("s")), dest, 24, 16, CropTransform.CENTER_CROP_WIDE, null),
                ProgressListener.none());
        try (Eg3dDataset dataset = Eg3dDataset.open(dest, DatasetOptions.defaults())) {
            assertEquals(24, dataset.getResolution());
            float[] label = dataset.label(0);
            assertEquals(20f / 24, label[16], 1e-6f);     // 48→24: focal 40 → 20 px, over the 24-px canvas
            assertEquals(0.5f, label[18], 1e-6f);
            assertEquals(0.5f, label[21], 1e-6f);          // 16 px band pasted at y = 4 on the 24-px canvas
            assertEquals(0, dataset.image(0).getRGB(12, 1) & 0xffffff, "letterbox is black");
        }
    }

    @Test
    void importErrorsNameTheFileAndTheFix() {
        TestData none = new TestData().put("a.png", Images.toPng(TestData.gradient(8, 8, 0)));
        DatasetException noCameras = assertThrows(DatasetException.class,
                () -> convert(none.writeFolder(dir.resolve("none")), dir.resolve("o1.zip"), null, null));
        assertTrue(noCameras.getMessage().contains("none: no cameras found; put EG3D labels in dataset.json, a NeRF transforms.json, or a COLMAP"),
                noCameras.getMessage());

        TestData fisheye = new TestData().put("a.png", Images.toPng(TestData.gradient(8, 8, 0)))
                .put("cameras.txt", "1 OPENCV_FISHEYE 8 8 4 4 4 4 0 0 0 0\n").put("images.txt", "1 1 0 0 0 0 0 0 1 a.png\n");
        DatasetException model = assertThrows(DatasetException.class,
                () -> convert(fisheye.writeFolder(dir.resolve("fisheye")), dir.resolve("o2.zip"), null, null));
        assertTrue(model.getMessage().contains("cameras.txt line 1: camera model OPENCV_FISHEYE is not supported"), model.getMessage());

        TestData missing = new TestData().put("a.png", Images.toPng(TestData.gradient(8, 8, 0))).put("transforms.json",
                "{\"camera_angle_x\": 0.7, \"frames\": [{\"file_path\": \"./b\", \"transform_matrix\": [[1,0,0,0],[0,1,0,0],[0,0,1,3],[0,0,0,1]]}]}");
        DatasetException path = assertThrows(DatasetException.class,
                () -> convert(missing.writeFolder(dir.resolve("missing")), dir.resolve("o3.zip"), null, null));
        assertTrue(path.getMessage().contains("transforms.json: file_path './b' matches no image"), path.getMessage());
    }

    @Test
    void aFailedConversionLeavesNothingAtTheDestination() throws Exception {
        TestData source = TestData.valid(3).put("00000/img00000002.png", Images.toPng(TestData.gradient(8, 6, 2)));
        Path dest = dir.resolve("out.zip");
        DatasetException e = assertThrows(DatasetException.class, () -> convert(source.writeFolder(dir.resolve("src")), dest, null, null));
        assertTrue(e.getMessage().contains("img00000002.png: the image is 8x6 but EG3D needs square images"), e.getMessage());
        assertFalse(Files.exists(dest));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("src"), files.map(p -> p.getFileName().toString()).toList(), "no partial output left");
        }
    }
}
