package eg3d

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The public API as a Kotlin notebook user writes it: properties, lambdas and `use {}`. */
class DslTest {
    @Test
    fun generateReadsNaturallyFromKotlin() {
        Eg3d.preset("nano", 5).use { eg3d ->
            val spec = GenerationSpec.of {
                it.seed = 42
                it.truncationPsi = 0.5f
                it.yaw = 0.3
            }
            assertEquals(42L, spec.seed)
            eg3d.generate(spec).use { sample ->
                val image = sample.image
                assertEquals(eg3d.config.imgResolution(), image.width)
                assertEquals(eg3d.config.neuralRenderingResolution(), sample.imageRaw.width)
                assertEquals(sample.imageRaw.width, sample.depth.width)
            }
            val camera = eg3d.camera(spec.toBuilder().setPitch(-0.2).build())
            assertTrue(camera.rotationError() < 1e-6)
        }
    }
}
