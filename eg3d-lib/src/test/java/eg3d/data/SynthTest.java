package eg3d.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eg3d.camera.CameraVector;
import eg3d.cli.Main;
import eg3d.data.synth.Npy;
import eg3d.data.synth.Part;
import eg3d.data.synth.Raycaster;
import eg3d.data.synth.Scene;
import eg3d.data.synth.SceneFamily;
import eg3d.data.synth.Synthesizer;
import eg3d.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic datasets read back, follow EG3D's camera conventions, and carry depth that matches the geometry. */
class SynthTest {
    private static final int R = 24;

    @TempDir
    Path dir;

    private Path synth(SceneFamily family, int count, int threads, String name) {
        Path dest = dir.resolve(name);
        Synthesizer.write(new Synthesizer.Spec(family, count, R, 7, threads), dest, ProgressListener.none());
        return dest;
    }

    private static void assertConventions(Eg3dDataset dataset, double[] centre, double fovDegrees) {
        CameraCheck check = CameraCheck.of(dataset);
        for (int i = 0; i < dataset.size(); i++) {
            float[] c = dataset.label(i);
            assertTrue(CameraVector.of(c).rotationError() < 1e-5, "rotation of item " + i);
            assertEquals(0.5, c[18], 1e-6, "cx of item " + i);
            assertEquals(0.5, c[21], 1e-6, "cy of item " + i);
            assertTrue(check.axisDistance()[i] < 2e-3, "item " + i + "'s optical axis misses the scene centre by " + check.axisDistance()[i]);
        }
        assertArrayEquals(centre, check.lookAt(), 1e-3);
        String fov = String.format(java.util.Locale.ROOT, "FOV mean %.3f ± 0.000", fovDegrees);
        assertTrue(check.toText().contains(fov), "the FOV as --fov-deg takes it, " + fov + ":\n" + check.toText());
    }

    @Test
    void headsReadBackFollowTheConventionsAndLookAtThePivot() {
        try (Eg3dDataset dataset = Eg3dDataset.open(synth(SceneFamily.HEADS, 10, 2, "heads.zip"), DatasetOptions.defaults())) {
            assertEquals(10, dataset.size());
            assertEquals(R, dataset.getResolution());
            assertConventions(dataset, new double[] {0, 0, 0.2}, 18.837);
            assertEquals(2.7, CameraCheck.of(dataset).radius()[3], 1e-5);
        }
    }

    @Test
    void carsReadBackFollowTheConventionsAndLookAtTheOrigin() {
        try (Eg3dDataset dataset = Eg3dDataset.open(synth(SceneFamily.CARS, 10, 2, "cars"), DatasetOptions.defaults())) {
            assertEquals(10, dataset.size());
            assertConventions(dataset, new double[] {0, 0, 0}, eg3d.camera.Intrinsics.fovDegrees(1.025390625));
            assertEquals(1.7, CameraCheck.of(dataset).radius()[0], 1e-5);
        }
    }

    @Test
    void depthMapsPutEverySurfacePixelOnThePartsAndParamsDescribeTheScene() throws Exception {
        for (SceneFamily family : SceneFamily.values()) {
            Path zip = synth(family, 3, 2, family.officialName() + ".zip");
            try (ZipFile files = new ZipFile(zip.toFile())) {
                for (int i = 0; i < 3; i++) {
                    Scene scene = family.sample(7, i);
                    float[] depth = Npy.readFloat32(files.getInputStream(files.getEntry(String.format("depth/00000/img%08d.npy", i))).readAllBytes(), R, R);
                    float[] c = scene.camera().toArray();
                    double[] origin = {c[3], c[7], c[11]}, d = new double[3];
                    int surface = 0;
                    for (int y = 0; y < R; y++) {
                        for (int x = 0; x < R; x++) {
                            Raycaster.rayDirection(c, (x + 0.5) / R, (y + 0.5) / R, d);
                            float t = depth[y * R + x];
                            if (t == 0) {
                                assertEquals(Double.POSITIVE_INFINITY, Raycaster.cast(scene, origin, d, new int[1]), "background pixel " + x + "," + y);
                                continue;
                            }
                            surface++;
                            double[] p = {origin[0] + t * d[0], origin[1] + t * d[1], origin[2] + t * d[2]};
                            double nearest = Double.POSITIVE_INFINITY;
                            for (Part part : scene.parts()) {
                                nearest = Math.min(nearest, Math.abs(part.solid().residual(p)));
                            }
                            assertTrue(nearest < 1e-5, family + " image " + i + " pixel " + x + "," + y + ": depth point off every surface by " + nearest);
                        }
                    }
                    assertTrue(surface > R * R / 10, family + " image " + i + " shows its object (" + surface + " pixels)");
                    JsonNode params = new ObjectMapper().readTree(files.getInputStream(files.getEntry(String.format("params/00000/img%08d.json", i))));
                    assertEquals(family.officialName(), params.get("family").asText());
                    assertEquals(scene.parts().size(), params.get("parts").size());
                    assertEquals(c[7], params.get("camera").get(7).floatValue(), 0f);
                    assertEquals(i, params.get("index").asInt());
                }
                assertTrue(files.getEntry("synth.json") != null);
            }
        }
    }

    @Test
    void theOutputDependsOnTheSeedAloneNotOnTheThreadCount() throws Exception {
        Path one = synth(SceneFamily.HEADS, 6, 1, "one.zip"), two = synth(SceneFamily.HEADS, 6, 2, "two.zip");
        try (ZipFile a = new ZipFile(one.toFile()); ZipFile b = new ZipFile(two.toFile())) {
            for (String name : new String[] {"dataset.json", "00000/img00000005.png", "depth/00000/img00000003.npy"}) {
                assertArrayEquals(a.getInputStream(a.getEntry(name)).readAllBytes(), b.getInputStream(b.getEntry(name)).readAllBytes(), name);
            }
        }
    }

    @Test
    void anExistingDestinationIsNeverTouchedAndNothingPartialIsLeft() throws Exception {
        Path dest = Files.writeString(dir.resolve("taken.zip"), "keep me");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Synthesizer.write(new Synthesizer.Spec(SceneFamily.CARS, 2, R, 0, 1), dest, ProgressListener.none()));
        assertTrue(e.getMessage().contains("taken.zip: already exists; remove it or choose another --dest"), e.getMessage());
        assertEquals("keep me", Files.readString(dest));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theCommandLineWritesADatasetThatDatasetCheckAccepts() throws Exception {
        Path dest = dir.resolve("cli-cars.zip");
        assertEquals(0, Main.run("synth", "--scene=cars", "--count=4", "--resolution=16", "--dest=" + dest, "--seed", "3", "--threads", "2"));
        assertEquals(0, Main.run("dataset-check", dest.toString()));
        assertTrue(Files.size(dir.resolve("cli-cars-cameras.png")) > 1000, "the camera picture is written next to the dataset");
        assertEquals(2, Main.run("synth", "--scene", "boats", "--count", "1", "--dest", dir.resolve("x.zip").toString()));
        assertFalse(Files.exists(dir.resolve("x.zip")));
        Path converted = dir.resolve("converted");
        assertEquals(0, Main.run("dataset-tool", "--source=" + dest, "--dest=" + converted, "--resolution=8", "--max-images=3"));
        try (Eg3dDataset dataset = Eg3dDataset.open(converted, DatasetOptions.defaults())) {
            assertEquals(3, dataset.size());
            assertEquals(8, dataset.getResolution());
        }
    }
}
