package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricSpecTest {

    @Test
    void officialNamesHaveTheOfficialSampleCounts() {
        assertEquals(new MetricSpec("fid50k_full", MetricSpec.Kind.FID, 50_000, null, 0), MetricSpec.parse("fid50k_full"));
        assertEquals(new MetricSpec("fid50k", MetricSpec.Kind.FID, 50_000, 50_000, 0), MetricSpec.parse("fid50k"));
        assertEquals(new MetricSpec("kid50k_full", MetricSpec.Kind.KID, 50_000, 1_000_000, 0), MetricSpec.parse("kid50k_full"));
        assertEquals(new MetricSpec("pr50k3_full", MetricSpec.Kind.PR, 50_000, 200_000, 3), MetricSpec.parse("pr50k3_full"));
        assertEquals(new MetricSpec("pr50k3", MetricSpec.Kind.PR, 50_000, 50_000, 3), MetricSpec.parse("pr50k3"));
    }

    @Test
    void sizedVariantsForSmallRuns() {
        assertEquals(2000, MetricSpec.parse("fid2k").numGen());
        assertEquals(2000, MetricSpec.parse("fid2k").maxReal());
        assertEquals(64, MetricSpec.parse("kid64_full").numGen());
        assertEquals(5, MetricSpec.parse("pr1k5").nhoodSize());
        assertEquals(new MetricSpec("pr200_3", MetricSpec.Kind.PR, 200, 200, 3), MetricSpec.parse("pr200_3"));
        assertArrayEquals(new String[] {"pr1k3_precision", "pr1k3_recall"}, MetricSpec.parse("pr1k3").resultKeys());
        assertTrue(MetricSpec.parse("kid1k").needsAllFeatures());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricSpec.parse("is50k"));
        assertTrue(e.getMessage().contains("'is50k'") && e.getMessage().contains("fid50k_full"), e.getMessage());
    }
}
