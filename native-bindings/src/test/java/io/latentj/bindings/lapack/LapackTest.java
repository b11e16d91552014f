package io.latentj.bindings.lapack;

import io.latentj.bindings.OpenBlas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** LAPACK on the library this JVM loaded (the system OpenBLAS here: the Fortran route). */
class LapackTest {
    @BeforeAll
    static void needsBlas() {
        assumeTrue(OpenBlas.isAvailable(), () -> OpenBlas.unavailableReason().orElse(""));
    }

    @Test
    void syevdKnown() {
        LapackChecks.syevdKnown();
    }

    @Test
    void syevdRandomWithOffsetAndLda() {
        LapackChecks.syevdRandom(6, 3, 9);
        LapackChecks.syevdRandom(1, 0, 1);
    }

    @Test
    void syevrAgreesWithSyevd() {
        LapackChecks.syevrMatchesSyevd(9, 6, 9, 3, 11, 10);  // the top 4 of 9
        LapackChecks.syevrMatchesSyevd(6, 1, 6, 0, 6, 6);    // all of them
        LapackChecks.syevrMatchesSyevd(40, 30, 40, 1, 41, 43);
    }

    @Test
    void syevrRefusesBadIndicesBeforeTheCall() {
        double[] a = new double[9], w = new double[3], z = new double[9];
        assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr(true, true, 3, a, 0, 3, 0, 2, w, 0, z, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr(true, true, 3, a, 0, 3, 2, 4, w, 0, z, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr(true, true, 3, a, 0, 3, 3, 2, w, 0, z, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr(true, true, 3, a, 0, 3, 1, 3, w, 1, z, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr(true, true, 3, a, 0, 3, 1, 3, w, 0, z, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr(true, true, 3, a, 0, 3, 1, 3, w, 0, null, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.ssyevr(true, true, 3, new float[9], 0, 3, 1, 2, new float[2], 0, new float[6], 0, 2));
    }

    @Test
    void gesdd() {
        LapackChecks.gesddReconstructs('S', 4, 3);
        LapackChecks.gesddReconstructs('S', 3, 5);
        LapackChecks.gesddReconstructs('A', 4, 3);
        LapackChecks.gesddReconstructs('A', 2, 5);
        LapackChecks.gesddReconstructs('S', 1, 1);
        LapackChecks.gesddValuesOnly();
    }

    @Test
    void cholesky() {
        LapackChecks.choleskySolve(true);
        LapackChecks.choleskySolve(false);
        LapackChecks.choleskyNotPositiveDefinite();
    }

    @Test
    void routeMatchesLibrary() {
        assertTrue(Lapack.usesLapacke() == OpenBlas.hasLapacke());
    }

    @Test
    void invalidArgumentsThrowBeforeTheCall() {
        float[] a = new float[9];
        float[] w = new float[3];
        assertThrows(IllegalArgumentException.class, () -> Lapack.ssyevd(true, true, 3, a, 1, 3, w, 0));
        assertThrows(IllegalArgumentException.class, () -> Lapack.ssyevd(true, true, 3, a, 0, 2, w, 0));
        assertThrows(IllegalArgumentException.class, () -> Lapack.ssyevd(true, true, 3, a, 0, 3, w, 1));
        assertThrows(IllegalArgumentException.class, () -> Lapack.ssyevd(true, true, -1, a, 0, 3, w, 0));
        assertThrows(IllegalArgumentException.class, () -> Lapack.ssyevd(true, true, 3, null, 0, 3, w, 0));
        assertThrows(IllegalArgumentException.class, () -> Lapack.spotrs(true, 3, 2, a, 0, 3, new float[5], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Lapack.sgesdd('X', 3, 3, a, 0, 3, w, 0, a, 0, 3, a, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.sgesdd('S', 3, 3, a, 0, 3, w, 0, null, 0, 3, a, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lapack.sgesdd('A', 3, 3, a, 0, 3, new float[2], 0, a, 0, 3, a, 0, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Lapack.dpotrf(true, Integer.MAX_VALUE, new double[4], 0, Integer.MAX_VALUE));
    }

    @Test
    void emptyMatricesAreNoOps() {
        float[] none = new float[0];
        assertTrue(Lapack.ssyevd(true, true, 0, none, 0, 1, none, 0) == 0);
        assertTrue(Lapack.spotrf(true, 0, none, 0, 1) == 0);
        assertTrue(Lapack.sgesdd('S', 0, 3, none, 0, 3, none, 0, none, 0, 1, none, 0, 3) == 0);
    }
}
