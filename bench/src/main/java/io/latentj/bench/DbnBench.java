package io.latentj.bench;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.FashionMnist;
import io.latentj.models.dbn.DbnConfig;
import io.latentj.models.dbn.DeepAutoencoder;
import io.latentj.models.dbn.DeepAutoencoderConfig;
import io.latentj.models.dbn.DeepBeliefNet;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 5's timings on the 60,000 Fashion-MNIST training images (batch 100, auto path): one CD-1 epoch of each
 * greedy layer of a 784-500-500-2000 DBN, one epoch of its up-down fine-tuning, one epoch of discriminative
 * fine-tuning (784-500-500-2000-10 MLP, Adam), and one backprop epoch of a 784-1000-500-250-30 deep autoencoder.
 * Each number is the epoch's own time as the trainer reports it (after a warm-up run on 2,000 images). Prints
 * markdown table rows on stdout ({@code bench/dbn-bench.sh} puts them into bench/RESULTS.md).
 */
public final class DbnBench {
    private DbnBench() {}

    private static final class Times implements TrainingListener {
        final List<Double> seconds = new ArrayList<>();
        @Override public void onEpoch(EpochReport r) { seconds.add(r.seconds()); }
    }

    public static void main(String[] args) throws Exception {
        FashionMnist d = FashionMnist.load(FashionMnist.locate().orElseThrow(() ->
                new IllegalStateException("DbnBench needs Fashion-MNIST: apt-get install dataset-fashion-mnist")));
        FMatrix x = d.trainImages();
        int[] y = d.trainLabels();
        run(x.rowRange(0, 2000), Arrays.copyOf(y, 2000), false); // warm-up: JIT-compiles every kernel on the way
        run(x, y, true);
    }

    private static void run(FMatrix x, int[] y, boolean print) {
        RbmConfig layer = RbmConfig.builder(1).learningRate(0.1).epochs(1).batchSize(100).build();
        DbnConfig cfg = DbnConfig.builder().layers(layer, 500, 500, 2000).seed(1).path(Path.AUTO).build();
        Times pre = new Times();
        DeepBeliefNet dbn = DeepBeliefNet.fit(cfg, x, null, pre);
        Times upDown = new Times();
        dbn.fineTuneUpDown(cfg.toBuilder().upDown(1, 0.01, 3, 100).build(), x, null, upDown);
        Times mlp = new Times();
        dbn.fineTuneDiscriminatively(dbn.mlpConfig().epochs(1).learningRate(1e-3).batchSize(100).build(), x, y, 10, mlp);
        Times ae = new Times();
        DeepAutoencoder.fit(DeepAutoencoderConfig.builder(1000, 500, 250, 30).pretraining(RbmConfig.builder(1).epochs(0).build())
                .fineTuneEpochs(1).batchSize(100).seed(1).path(Path.AUTO).build(), x, null, ae);
        if (!print) return;
        int n = x.rows();
        System.out.printf("| DBN pre-training, layer 1 (784→500), one CD-1 epoch | %d | %.1f |%n", n, pre.seconds.get(0));
        System.out.printf("| DBN pre-training, layer 2 (500→500), one CD-1 epoch | %d | %.1f |%n", n, pre.seconds.get(1));
        System.out.printf("| DBN pre-training, top RBM (500→2000), one CD-1 epoch | %d | %.1f |%n", n, pre.seconds.get(2));
        System.out.printf("| DBN up-down fine-tuning (3 Gibbs steps), one epoch | %d | %.1f |%n", n, upDown.seconds.get(0));
        System.out.printf("| DBN discriminative fine-tuning (784-500-500-2000-10, Adam), one epoch | %d | %.1f |%n", n, mlp.seconds.get(0));
        System.out.printf("| deep autoencoder 784-1000-500-250-30 backprop fine-tuning, one epoch | %d | %.1f |%n", n, ae.seconds.get(0));
    }
}
