package eg3d.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.media.Images;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input the reader must reject gets its own message naming the file, the entry and the fix. */
class DatasetValidationTest {
    @TempDir
    Path dir;

    private String failure(TestData data) {
        Path zip = data.writeZip(dir.resolve("bad.zip"));
        return assertThrows(DatasetException.class, () -> Eg3dDataset.open(zip, DatasetOptions.defaults())).getMessage();
    }

    private static String labelsJson(String entry) {
        return "{\"labels\": [" + entry + "]}";
    }

    private static String numbers(float[] c) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < c.length; i++) {
            s.append(i == 0 ? "" : ", ").append(c[i]);
        }
        return s.append("]").toString();
    }

    @Test
    void aValidDatasetOpensAsFolderAndAsZip() {
        TestData data = TestData.valid(3);
        try (Eg3dDataset folder = Eg3dDataset.open(data.writeFolder(dir.resolve("folder")), DatasetOptions.defaults());
             Eg3dDataset zip = Eg3dDataset.open(data.writeZip(dir.resolve("set.zip")), DatasetOptions.defaults())) {
            assertEquals(3, folder.size());
            assertEquals(8, folder.getResolution());
            assertEquals("folder", folder.getName());
            assertEquals("set", zip.getName());
            assertEquals(TestData.camera(2)[3], zip.label(2)[3]);
        }
    }

    @Test
    void missingDatasetJsonSaysWhereItGoesAndHowToMakeIt() {
        String message = failure(TestData.valid(2).remove("dataset.json"));
        assertTrue(message.contains("bad.zip: no dataset.json at the top level"), message);
        assertTrue(message.contains("./eg3d dataset-tool"), message);
    }

    @Test
    void aLabelOfTheWrongLengthIsNamedWithItsIndexAndFile() {
        float[] c = TestData.camera(0);
        String json = labelsJson("[\"00000/img00000000.png\", " + numbers(java.util.Arrays.copyOf(c, 24)) + "]");
        String message = failure(TestData.valid(1).put("dataset.json", json));
        assertTrue(message.contains("dataset.json labels[0] ('00000/img00000000.png'): expected 25 floats"), message);
        assertTrue(message.contains("got 24"), message);
    }

    @Test
    void aScaledRotationIsReportedAsNonRigid() {
        float[] c = TestData.camera(0);
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                c[row * 4 + col] *= 1.01f;
            }
        }
        String message = failure(TestData.valid(1).put("dataset.json", labelsJson("[\"00000/img00000000.png\", " + numbers(c) + "]")));
        assertTrue(message.contains("labels[0] ('00000/img00000000.png'): the cam2world rotation is not rigid"), message);
        assertTrue(message.contains("orthonormalise R"), message);
    }

    @Test
    void aMirroringRotationIsRejectedToo() {
        float[] c = TestData.camera(0);
        for (int row = 0; row < 3; row++) {
            c[row * 4] = -c[row * 4];      // negate the x axis: orthonormal, but det = −1
        }
        String message = failure(TestData.valid(1).put("dataset.json", labelsJson("[\"00000/img00000000.png\", " + numbers(c) + "]")));
        assertTrue(message.contains("not rigid") && message.contains("det = -1.0000"), message);
    }

    @Test
    void pixelUnitIntrinsicsAreReportedAsNotNormalised() {
        float[] c = TestData.camera(0);
        c[16] *= 512;
        c[18] = 256;
        c[20] *= 512;
        c[21] = 256;
        String message = failure(TestData.valid(1).put("dataset.json", labelsJson("[\"00000/img00000000.png\", " + numbers(c) + "]")));
        assertTrue(message.contains("labels[0] ('00000/img00000000.png'): the intrinsics are not normalised"), message);
        assertTrue(message.contains("cx = 256.0"), message);
        assertTrue(message.contains("divide the first row by the image width"), message);
    }

    @Test
    void imagesOfMixedSizeNameBothFilesAndSizes() {
        TestData data = TestData.valid(2).put("00000/img00000001.png", Images.toPng(TestData.gradient(16, 16, 1)));
        String message = failure(data);
        assertTrue(message.contains("bad.zip:00000/img00000001.png: the image is 16x16 but 00000/img00000000.png is 8x8"), message);
        assertTrue(message.contains("--resolution"), message);
    }

    @Test
    void aNonSquareImageIsNamedWithTheCropFix() {
        TestData data = TestData.valid(2).put("00000/img00000001.png", Images.toPng(TestData.gradient(8, 6, 1)));
        String message = failure(data);
        assertTrue(message.contains("bad.zip:00000/img00000001.png: the image is 8x6 but EG3D needs square images"), message);
        assertTrue(message.contains("--transform center-crop"), message);
    }

    @Test
    void aListedImageThatIsMissingIsNamed() {
        String message = failure(TestData.valid(3).remove("00000/img00000001.png"));
        assertTrue(message.contains("dataset.json: labels lists '00000/img00000001.png' but"), message);
        assertTrue(message.contains("has no such image; add the image or remove its entry"), message);
    }

    @Test
    void anImageWithoutALabelIsNamed() {
        String message = failure(TestData.valid(2).put("extra/photo.jpg", Images.toPng(TestData.gradient(8, 8, 9))));
        assertTrue(message.contains("bad.zip:extra/photo.jpg: the image has no label in dataset.json"), message);
    }

    @Test
    void malformedJsonAndMissingLabelsFieldAreDistinct() {
        String broken = failure(TestData.valid(1).put("dataset.json", "{\"labels\": [[\"a.png\", [1, 2"));
        assertTrue(broken.contains("dataset.json: not valid JSON"), broken);
        String noLabels = failure(TestData.valid(1).put("dataset.json", "{\"images\": []}"));
        assertTrue(noLabels.contains("field \"labels\" is missing or not a list"), noLabels);
    }

    @Test
    void aNonNumericValueIsNamedWithItsPosition() {
        String json = labelsJson("[\"00000/img00000000.png\", [1, \"two\", 3]]");
        String message = failure(TestData.valid(1).put("dataset.json", json));
        assertTrue(message.contains("labels[0] ('00000/img00000000.png'): value 1 is \"two\", expected a number"), message);
    }

    @Test
    void aMissingSourceIsNamed() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Eg3dDataset.open(dir.resolve("nothing.zip"), DatasetOptions.defaults()));
        assertTrue(e.getMessage().contains("nothing.zip: no such file or folder"), e.getMessage());
    }

    @Test
    void theWriterRefusesAnInvalidLabelSoOurOutputsAlwaysValidate() {
        Map<String, float[]> none = new LinkedHashMap<>();
        assertEquals("{\"labels\":[]}", new String(DatasetJson.write(none)));
        try (DatasetWriter writer = DatasetWriter.create(dir.resolve("out.zip"))) {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> writer.addImage("a.png", new byte[0], new float[25]));
            assertTrue(e.getMessage().contains("label of a.png: the cam2world rotation is not rigid"), e.getMessage());
        }
        assertTrue(!dir.resolve("out.zip").toFile().exists());
        assertEquals(0, dir.toFile().list().length, "the partial archive is removed on close");
    }
}
