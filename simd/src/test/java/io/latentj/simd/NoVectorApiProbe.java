package io.latentj.simd;

/**
 * Run by {@link NoVectorApiTest} in a JVM started WITHOUT {@code --add-modules jdk.incubator.vector}: every facade
 * must still work (on the scalar and BLAS paths) and agree with the scalar reference. Prints "vectorApi=…" and
 * "OK", or exits with status 1 naming the disagreement.
 */
public final class NoVectorApiProbe {
    private NoVectorApiProbe() {}

    public static void main(String[] args) {
        System.out.println("vectorApi=" + Capabilities.vectorApi());
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        FMatrix a = FMatrix.zeros(37, 29), b = FMatrix.zeros(29, 41);
        for (float[] d : new float[][] {a.data(), b.data()}) for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        float[] x = new float[29], bias = new float[37];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (Path p : Path.values()) {
            if (p == Path.BLAS && !Capabilities.blas()) continue;
            FMatrix c = FMatrix.zeros(37, 41), ref = FMatrix.zeros(37, 41);
            Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0f, c);
            Linalg.gemm(Path.SCALAR, Trans.N, Trans.N, 1f, a, b, 0f, ref);
            check(p + " gemm", ref.data(), c.data(), 1e-4f);
            float[] y = new float[37], yr = new float[37];
            Fused.sigmoidAffine(p, Trans.N, a, x, 0, bias, 0, y, 0);
            Fused.sigmoidAffine(Path.SCALAR, Trans.N, a, x, 0, bias, 0, yr, 0);
            check(p + " sigmoidAffine", yr, y, 1e-5f);
            float[] s = new float[1000], sr = new float[1000];
            for (int i = 0; i < s.length; i++) s[i] = (float) (r.nextGaussian() * 5);
            Elementwise.sigmoid(p, s, 0, sr, 0, s.length);
            Elementwise.sigmoid(p, s, 0, s, 0, s.length);
            check(p + " sigmoid in place", sr, s, 0f);
            float[] u = new float[100], ur = new float[100];
            Sampling.uniform(p, Rng.of(3), u, 0, u.length);
            Sampling.uniform(Path.SCALAR, Rng.of(3), ur, 0, ur.length);
            check(p + " uniform", ur, u, 0f);
            double d1 = Linalg.squaredDistance(p, a, a.copy()), d2 = Linalg.squaredDistance(p, c, ref);
            if (d1 != 0 || !(d2 < 1e-3)) fail(p + " squaredDistance " + d1 + " " + d2);
            float[] cd = new float[41], cdr = new float[41];
            Linalg.colDots(p, c, c, cd, 0);
            Linalg.colDots(Path.SCALAR, ref, ref, cdr, 0);
            check(p + " colDots", cdr, cd, 1e-3f);
        }
        System.out.println("OK");
    }

    private static void check(String what, float[] ref, float[] got, float relTol) {
        for (int i = 0; i < ref.length; i++) {
            if (!(Math.abs(ref[i] - got[i]) <= relTol * Math.max(1f, Math.abs(ref[i])))) fail(what + " differs at " + i + ": " + ref[i] + " vs " + got[i]);
        }
    }

    private static void fail(String msg) {
        System.out.println("FAIL " + msg);
        System.exit(1);
    }
}
