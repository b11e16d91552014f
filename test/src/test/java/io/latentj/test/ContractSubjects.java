package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** The models under the common contract: add each new model family here. */
final class ContractSubjects {
    private ContractSubjects() {}

    static List<ContractSubject> all() {
        return List.of(bernoulliRbm());
    }

    /** Binary data with structure: 37 columns (odd on purpose: SIMD tails), rows drawn from 4 prototypes with noise. */
    static FMatrix binaryData(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(200, 37);
        for (int i = 0; i < 200; i++) {
            int proto = r.nextInt(4);
            for (int j = 0; j < 37; j++) {
                boolean on = (j * 7 + proto * 11) % 4 == 0;
                x.set(i, j, (on ^ r.nextDouble() < 0.1) ? 1f : 0f);
            }
        }
        return x;
    }

    private static ContractSubject bernoulliRbm() {
        return new ContractSubject() {
            public String name() { return "BernoulliRBM"; }
            public FMatrix data() { return binaryData(1); }
            public Encoder fit(long seed, FMatrix data) {
                return BernoulliRBM.fit(RbmConfig.builder(19).epochs(3).batchSize(25).seed(seed).persistent(true).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((BernoulliRBM) m).save(f); }
            public Encoder load(Path f) throws IOException { return BernoulliRBM.load(f); }
        };
    }
}
