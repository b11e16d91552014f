package io.latentj.models.energy;

/**
 * Double-precision references of the energies under test, written from the textbook formulas independently of the
 * float code: E, its x-gradient and its Laplacian, as functions of (θ, x). θ layouts are those the models document.
 */
interface EnergyRef {
    double energy(double[] theta, double[] x);

    double[] gradX(double[] theta, double[] x);

    double laplacian(double[] theta, double[] x);

    /** ½ (x − μ)ᵀ Π (x − μ), θ = [Π, μ]. */
    static EnergyRef gaussian(int d) {
        return new EnergyRef() {
            public double energy(double[] t, double[] x) {
                double e = 0;
                for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) e += (x[i] - t[d * d + i]) * t[i * d + j] * (x[j] - t[d * d + j]);
                return 0.5 * e;
            }

            public double[] gradX(double[] t, double[] x) {
                double[] g = new double[d];
                for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) g[i] += 0.5 * (t[i * d + j] + t[j * d + i]) * (x[j] - t[d * d + j]);
                return g;
            }

            public double laplacian(double[] t, double[] x) {
                double s = 0;
                for (int i = 0; i < d; i++) s += t[i * d + i];
                return s;
            }
        };
    }

    /** Σ_j α_j φ(w_jᵀx), θ = [W (J × d), α (J)] (studentT) or W (log cosh, α ≡ 1). */
    static EnergyRef experts(int j, int d, boolean studentT) {
        return new EnergyRef() {
            double alpha(double[] t, int k) { return studentT ? t[j * d + k] : 1; }

            double u(double[] t, double[] x, int k) {
                double s = 0;
                for (int i = 0; i < d; i++) s += t[k * d + i] * x[i];
                return s;
            }

            double phi(double u) { return studentT ? Math.log(1 + 0.5 * u * u) : Math.log(Math.cosh(u)); }
            double phi1(double u) { return studentT ? u / (1 + 0.5 * u * u) : Math.tanh(u); }
            double phi2(double u) {
                if (studentT) { double a = 1 + 0.5 * u * u; return (1 - 0.5 * u * u) / (a * a); }
                double c = Math.cosh(u);
                return 1 / (c * c);
            }

            public double energy(double[] t, double[] x) {
                double e = 0;
                for (int k = 0; k < j; k++) e += alpha(t, k) * phi(u(t, x, k));
                return e;
            }

            public double[] gradX(double[] t, double[] x) {
                double[] g = new double[d];
                for (int k = 0; k < j; k++) {
                    double f = alpha(t, k) * phi1(u(t, x, k));
                    for (int i = 0; i < d; i++) g[i] += f * t[k * d + i];
                }
                return g;
            }

            public double laplacian(double[] t, double[] x) {
                double s = 0;
                for (int k = 0; k < j; k++) {
                    double n = 0;
                    for (int i = 0; i < d; i++) n += t[k * d + i] * t[k * d + i];
                    s += alpha(t, k) * phi2(u(t, x, k)) * n;
                }
                return s;
            }
        };
    }
}
