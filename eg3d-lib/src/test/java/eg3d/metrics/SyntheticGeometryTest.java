package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.camera.CameraVector;
import eg3d.camera.LookAtPoseSampler;
import eg3d.data.synth.Raycaster;
import eg3d.data.synth.Scene;
import eg3d.data.synth.SceneFamily;
import eg3d.data.synth.Synthesizer;
import eg3d.progress.ProgressListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeometryTest {
    private static final int RES = 64;

    @TempDir
    Path dir;

    /** One synthetic scene ray-cast from a second camera 0.35 rad of yaw away, about the same pivot. */
    private static Scene turned(Scene scene, double yaw) {
        double[] pivot = {0, 0, 0};
        for (int i = 0; i < 3; i++) {
            pivot[i] = scene.pose().path("pivot").path(i).asDouble();
        }
        CameraVector c = LookAtPoseSampler.camera(scene.pose().path("yaw").asDouble() + yaw, scene.pose().path("pitch").asDouble(),
                pivot, scene.pose().path("radius").asDouble(), scene.pose().path("fov_degrees").asDouble());
        return new Scene(scene.family(), scene.parts(), scene.background(), scene.light(), c, scene.pose());
    }

    private static float[] depth(Scene scene) {
        float[] d = Raycaster.render(scene, RES).depth();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0) {
                d[i] = Float.NaN;
            }
        }
        return d;
    }

    @Test
    void groundTruthDepthOfBothFamiliesReprojectsWithNearZeroError() {
        for (SceneFamily family : SceneFamily.values()) {
            Scene a = family.sample(0, 3), b = turned(a, 0.35);
            DepthReprojection.Result r = DepthReprojection.compare(depth(a), a.camera().toArray(), null,
                    depth(b), b.camera().toArray(), null, RES);
            System.out.println("depth reprojection of " + family + " ground truth: " + r);
            assertTrue(r.coVisible() > 200, r.toString());
            assertTrue(r.medianRelativeError() < 1e-3, r.toString());
        }
    }

    @Test
    void storedGroundTruthDepthReadsBackAndMatchesItsOwnDistribution() {
        Path data = dir.resolve("heads.zip");
        Synthesizer.write(new Synthesizer.Spec(SceneFamily.HEADS, 3, 32, 7, 1), data, ProgressListener.none());
        try (ImageSet set = ImageSet.open(data)) {
            assertTrue(GroundTruthDepth.isPresent(set));
            float[] stored = GroundTruthDepth.read(set, 1);
            float[] recast = Raycaster.render(SceneFamily.HEADS.sample(7, 1), 32).depth();
            for (int i = 0; i < stored.length; i++) {
                assertEquals(recast[i] > 0 ? recast[i] : Float.NaN, stored[i], 0, "pixel " + i);
            }
            float[] all = GroundTruthDepth.readAll(set, 3);
            assertEquals(3 * 32 * 32, all.length);
            DepthDistribution.Result same = DepthDistribution.compare(all, all);
            assertEquals(0, same.wasserstein1(), 0);
            float[] farther = all.clone();
            for (int i = 0; i < farther.length; i++) {
                farther[i] += 0.1f;
            }
            assertEquals(0.1, DepthDistribution.compare(farther, all).wasserstein1(), 1e-5);
        }
    }
}
