package eg3d.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import eg3d.TestFixtures;
import eg3d.io.NpzFile;
import eg3d.nn.Params;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generator against the official numbers. Each stage is replayed from the reference's own
 * inputs (rays, coarse depths, plane features, decoder, marcher, importance depths, SR blocks), and
 * the final outputs end to end from z and c.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParityTest {
    private Parity.Report report;

    @BeforeAll
    void replay() {
        report = Parity.run(TestFixtures.tiny(), null, r -> {});
    }

    private double error(String file, String key) {
        Parity.KeyResult r = report.get(file, key);
        assertNotNull(r, file + ":" + key + " was not compared; skipped: " + report.skipped());
        return r.error();
    }

    @Test
    void wholeReplayPassesWithNothingSkipped() {
        assertTrue(report.passed(), () -> "failed keys: " + report.results().stream().filter(r -> !r.pass()).toList());
        assertTrue(report.skipped().isEmpty(), () -> "skipped: " + report.skipped());
        assertTrue(report.missingFinal().isEmpty());
    }

    @Test
    void mappingAndTruncation() {
        for (String k : new String[] {"ws", "ws_psi1", "ws_psi07_cut8", "ws_psi05_cutNone", "ws_same_c", "b_ws"}) {
            assertTrue(error("io.npz", k) < 1e-5, k);
        }
    }

    @Test
    void raysAndCoarseDepthsAreBitIdentical() {
        assertEquals(0.0, error("io.npz", "ray_origins"));
        assertEquals(0.0, error("io.npz", "ray_directions"));
        assertEquals(0.0, error("io.npz", "depths_coarse"));
        assertEquals(0.0, error("io.npz", "all_depths_sorted"));
    }

    @Test
    void planeFeaturesAndDecoder() {
        assertTrue(error("io.npz", "planes") < 1e-4);
        assertTrue(error("io.npz", "probe_features") < 1e-5, "bilinear tri-plane sampling");
        assertTrue(error("io.npz", "probe_sigma") < 1e-4, "decoder density");
        assertTrue(error("io.npz", "probe_rgb") < 1e-5, "decoder features");
        assertTrue(error("io.npz", "sigma_coarse") < 1e-4);
        assertTrue(error("io.npz", "rgb_coarse") < 1e-5);
    }

    @Test
    void marcherAndImportanceSampler() {
        for (String k : new String[] {"march_coarse_rgb", "march_coarse_depth", "march_coarse_weights", "march_final_rgb",
            "march_final_depth", "march_final_weights", "weights_sum"}) {
            assertTrue(error("io.npz", k) < 1e-5, k);
        }
        assertTrue(error("io.npz", "depths_fine") < 1e-6, "importance depths");
        assertTrue(error("io.npz", "sigma_fine") < 1e-4);
    }

    @Test
    void superResolutionBlocks() {
        for (String k : new String[] {"sr_ws", "sr_block0_in_x", "sr_block0_in_img", "sr_block0_out_x", "sr_block0_out_img"}) {
            assertTrue(error("io.npz", k) < 1e-5, k);
        }
        assertTrue(error("io.npz", "aa_down_out") < 1e-5, "antialiased downsample of the loss");
    }

    @Test
    void finalOutputsEndToEnd() {
        for (String k : new String[] {"image", "image_raw", "image_depth", "psi1_image", "image_forward_same_c", "b_image",
            "b_image_raw", "b_image_depth"}) {
            assertTrue(error("io.npz", k) < 1e-4, k);
        }
        assertTrue(error("io.npz", "d_logits") < 1e-4);
        assertTrue(error("io.npz", "b_d_logits") < 1e-4, "minibatch-std group of 2");
    }

    @Test
    void srWithoutResizeKeepsTheReferenceInPlaceQuirk() {
        for (String k : new String[] {"image", "image_raw", "image_depth", "feature_image", "d_logits"}) {
            assertTrue(error("io_nrr64.npz", k) < 1e-4, k);
        }
    }

    @Test
    void densityVolumeMatchesTheShapeExport() {
        assertEquals(0.0, error("shape.npz", "sample_coords"), "the official grid, fractional-index quirk included");
        assertTrue(error("shape.npz", "sigma_raw") < 1e-4);
        assertTrue(error("shape.npz", "sigma_final") < 1e-4);
    }

    @Test
    void aPerturbedWeightFailsTheReplay() {
        Path dir = TestFixtures.tiny();
        Parity.Report bad = Parity.run(dir, (manager, g, d) -> {
            Map<String, NDArray> w = new LinkedHashMap<>(NpzFile.read(manager, dir.resolve("weights.npz")));
            w.put("decoder.net.2.bias", w.get("decoder.net.2.bias").add(0.01f));
            Params dp = Params.of(manager.newSubManager(), "d", NpzFile.read(manager, dir.resolve("d_weights.npz")));
            return new Params[] {Params.of(manager.newSubManager(), "perturbed", w), dp};
        }, r -> {});
        assertFalse(bad.passed());
        assertFalse(bad.get("io.npz", "image").pass());
        assertTrue(bad.get("io.npz", "ws").pass(), "the mapping does not use the decoder");
    }
}
