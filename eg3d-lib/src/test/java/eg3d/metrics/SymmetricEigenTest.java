package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void reconstructsARandomIndefiniteMatrixWithOrthonormalVectors() {
        Random random = new Random(1);
        int n = 40;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = random.nextGaussian();
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        double[] lambda = eigen.getValues();
        double[][] vt = eigen.getVectorsTransposed();
        double[][] rebuilt = new double[n][n];
        double[][] gram = FrechetDistance.multiply(vt, MatrixTestData.transpose(vt));
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    rebuilt[i][j] += lambda[k] * vt[k][i] * vt[k][j];
                }
            }
        }
        assertTrue(MatrixTestData.maxAbsDiff(rebuilt, a) < 1e-12, "V Λ Vᵀ = A");
        double[][] identity = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
        }
        assertTrue(MatrixTestData.maxAbsDiff(gram, identity) < 1e-12, "Vᵀ V = I");
        assertTrue(Arrays.stream(lambda).anyMatch(x -> x < 0), "the test matrix is indefinite");
    }

    @Test
    void findsKnownEigenvaluesOfARotatedDiagonalWithRepeatsAndZeros() {
        Random random = new Random(2);
        double[] expected = {0, 0, 0, 1e-9, 2, 2, 5, 7.5, 100};
        int n = expected.length;
        double[][] diag = new double[n][n];
        for (int i = 0; i < n; i++) {
            diag[i][i] = expected[i];
        }
        double[][] a = MatrixTestData.rotate(diag, MatrixTestData.orthogonal(n, random));
        double[] got = SymmetricEigen.valuesOf(a);
        Arrays.sort(got);
        assertArrayEquals(expected, got, 1e-12);
    }

    @Test
    void tinyMatrices() {
        assertArrayEquals(new double[] {3}, SymmetricEigen.valuesOf(new double[][] {{3}}), 0);
        double[] two = SymmetricEigen.valuesOf(new double[][] {{2, 1}, {1, 2}});
        Arrays.sort(two);
        assertArrayEquals(new double[] {1, 3}, two, 1e-15);
        assertEquals(0, SymmetricEigen.valuesOf(new double[0][]).length);
    }
}
