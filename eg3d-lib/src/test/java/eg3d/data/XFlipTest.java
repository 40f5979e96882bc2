package eg3d.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.camera.CameraVector;
import eg3d.camera.LookAtPoseSampler;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirroring an image about its vertical axis mirrors the camera: the yaw is negated about the frontal view. */
class XFlipTest {
    @TempDir
    Path dir;

    @Test
    void flippingACameraNegatesItsYaw() {
        double[] pivot = {0, 0, 0.2};
        for (double yaw : new double[] {0.05, 0.3, 0.7, 1.2}) {
            for (double pitch : new double[] {-0.3, 0, 0.2}) {
                float[] left = LookAtPoseSampler.camera(Math.PI / 2 + yaw, Math.PI / 2 + pitch, pivot, 2.7, 18.837).toArray();
                float[] right = LookAtPoseSampler.camera(Math.PI / 2 - yaw, Math.PI / 2 + pitch, pivot, 2.7, 18.837).toArray();
                assertArrayEquals(right, XFlip.camera(left), 1e-6f, "yaw " + yaw + ", pitch " + pitch);
            }
        }
    }

    @Test
    void flippingTwiceIsTheIdentityAndKeepsTheLabelValid() {
        float[] c = TestData.camera(3);
        float[] flipped = XFlip.camera(c);
        CameraLabels.check(flipped, "flipped");
        assertTrue(CameraVector.of(flipped).rotationError() < 1e-6);
        assertArrayEquals(c, XFlip.camera(flipped), 0f);
        assertEquals(0.5f, flipped[18], 0f);
    }

    @Test
    void mirroredItemsFollowTheOriginalsWithMirroredImageAndCamera() {
        Path data = TestData.valid(3).writeFolder(dir.resolve("d"));
        try (Eg3dDataset plain = Eg3dDataset.open(data, DatasetOptions.defaults());
             Eg3dDataset mirrored = Eg3dDataset.open(data, DatasetOptions.defaults().withXflip(true))) {
            assertEquals(6, mirrored.size());
            assertTrue(mirrored.isFlipped(4) && !mirrored.isFlipped(1));
            assertEquals(mirrored.fileName(1), mirrored.fileName(4));
            assertArrayEquals(XFlip.camera(plain.label(1)), mirrored.label(4), 0f);
            BufferedImage original = plain.image(1), flipped = mirrored.image(4);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(original.getRGB(7 - x, y), flipped.getRGB(x, y));
                }
            }
        }
    }
}
