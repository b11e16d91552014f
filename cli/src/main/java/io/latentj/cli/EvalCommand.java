package io.latentj.cli;

import io.latentj.models.Encoder;
import io.latentj.models.ModelFiles;
import io.latentj.models.Reconstructor;
import io.latentj.models.data.DataFiles;
import io.latentj.models.data.Idx;
import io.latentj.models.data.Npy;
import io.latentj.models.io.Json;
import io.latentj.models.nn.SoftmaxRegression;
import io.latentj.models.rbm.AnnealedImportanceSampling;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmLikelihood;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code latentj eval}: how good a model is on data — reconstruction error (models that reconstruct), the
 * pseudo-likelihood and a log-likelihood (exact for small Bernoulli RBMs, else AIS with {@code --ais}), and, when
 * labels are given, the test accuracy of a softmax classifier trained on the model's codes of the training data.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a model on data (and its features, when labels are given).")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (.safetensors).") java.nio.file.Path model;
    @Option(names = "--data", required = true, description = "Evaluation data: .csv/.tsv, .npy, single-array .npz, or IDX images.") java.nio.file.Path data;
    @Option(names = "--labels", description = "Labels of --data (IDX labels or .npy), to measure feature quality.") java.nio.file.Path labels;
    @Option(names = "--train-data", description = "Data to train the feature classifier on (default: the first 80% of --data).") java.nio.file.Path trainData;
    @Option(names = "--train-labels", description = "Labels of --train-data.") java.nio.file.Path trainLabels;
    @Option(names = "--ais", description = "Estimate log Z of a Bernoulli RBM too large to enumerate by AIS (runs, e.g. 100).") Integer aisRuns;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;

    @Override
    public Integer call() throws Exception {
        Encoder m = ModelFiles.load(model);
        FMatrix x = DataFiles.readMatrix(data);
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (m instanceof Reconstructor r) {
            metrics.put("reconstruction_error", Linalg.squaredDistance(Path.AUTO, x, r.reconstruct(x)) / Math.max(1, x.rows()));
        }
        FMatrix raw = x;
        if (m instanceof io.latentj.models.ScaledModel sm && sm.model() instanceof BernoulliRBM) {
            x = sm.scaling().apply(x); // the RBM's likelihoods are of the inputs it was trained on
        }
        if (unwrap(m) instanceof BernoulliRBM rbm) {
            metrics.put("pseudo_likelihood", mean(rbm.pseudoLikelihood(x, Rng.of(seed))));
            if (Math.min(rbm.visible(), rbm.hidden()) <= RbmLikelihood.MAX_UNITS) {
                metrics.put("log_likelihood_exact", RbmLikelihood.averageLogLikelihood(rbm, x, RbmLikelihood.exactLogPartition(rbm)));
            } else if (aisRuns != null) {
                float[] base = new float[rbm.visible()];
                Linalg.colMeans(Path.AUTO, x, base, 0);
                for (int i = 0; i < base.length; i++) {
                    float p = Math.min(Math.max(base[i], 1e-3f), 1 - 1e-3f);
                    base[i] = (float) Math.log(p / (1 - p));
                }
                var est = AnnealedImportanceSampling.logPartition(rbm, aisRuns, AnnealedImportanceSampling.standardSchedule(), base, Rng.of(seed));
                metrics.put("log_likelihood_ais", RbmLikelihood.averageLogLikelihood(rbm, x, est.logPartition()));
                metrics.put("log_partition_ais_standard_error", est.standardError());
            }
        }
        x = raw;
        if (labels != null) {
            int[] y = readLabels(labels);
            if (y.length != x.rows()) throw new IllegalArgumentException(labels + " has " + y.length + " labels for " + x.rows() + " rows");
            FMatrix trX, teX;
            int[] trY, teY;
            if (trainData != null) {
                if (trainLabels == null) throw new IllegalArgumentException("--train-data needs --train-labels");
                trX = DataFiles.readMatrix(trainData);
                trY = readLabels(trainLabels);
                teX = x;
                teY = y;
            } else {
                int cut = (int) (0.8 * x.rows());
                trX = x.rowRange(0, cut);
                teX = x.rowRange(cut, x.rows());
                trY = java.util.Arrays.copyOfRange(y, 0, cut);
                teY = java.util.Arrays.copyOfRange(y, cut, y.length);
            }
            int classes = 1;
            for (int v : trY) classes = Math.max(classes, v + 1);
            for (int v : teY) classes = Math.max(classes, v + 1);
            SoftmaxRegression clf = SoftmaxRegression.fit(m.transform(trX), trY, Math.max(2, classes), 1.0 / trX.rows(), 300, Path.AUTO);
            metrics.put("feature_test_accuracy", clf.accuracy(m.transform(teX), teY));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "eval");
        summary.put("model", model.toString());
        summary.put("rows", x.rows());
        summary.put("metrics", metrics);
        System.out.println(Json.write(summary));
        return 0;
    }

    private static int[] readLabels(java.nio.file.Path file) throws java.io.IOException {
        if (file.getFileName().toString().endsWith(".npy")) {
            float[] v = Npy.read(file).data();
            int[] y = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] != Math.rint(v[i])) throw new IllegalArgumentException(file + ": label " + v[i] + " at " + i + " is not a class index");
                y[i] = (int) v[i];
            }
            return y;
        }
        return Idx.readLabels(file);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) s += f;
        return s / v.length;
    }

    private static Encoder unwrap(Encoder m) {
        return m instanceof io.latentj.models.ScaledModel sm ? sm.model() : m;
    }
}
