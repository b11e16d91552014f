package io.latentj.models.rbm;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full state of a Bernoulli RBM training run after a number of epochs, as safetensors: parameters
 * ({@code weight}, {@code visible_bias}, {@code hidden_bias}), momentum velocities ({@code weight_velocity},
 * {@code visible_velocity}, {@code hidden_velocity}), the sparsity estimates ({@code sparsity_q}), the PCD chains
 * ({@code chain}, when persistent) and, in the metadata, the epochs done, the random-stream positions, the config and
 * the training data's fingerprint (a checkpoint is only resumed with the same config and data).
 */
record RbmCheckpoint(int epochsDone, FMatrix w, float[] b, float[] c, FMatrix vw, float[] vb, float[] vc, float[] q, FMatrix chain,
                     long orderPosition, long gibbsPosition, Map<String, String> config, String fingerprint) {
    static final String TYPE = "BernoulliRBM-checkpoint";

    void write(Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(w.rows(), w.cols(), w.toArray()));
        t.put("visible_bias", Tensor.vector(b.clone()));
        t.put("hidden_bias", Tensor.vector(c.clone()));
        t.put("weight_velocity", Tensor.matrix(vw.rows(), vw.cols(), vw.toArray()));
        t.put("visible_velocity", Tensor.vector(vb.clone()));
        t.put("hidden_velocity", Tensor.vector(vc.clone()));
        t.put("sparsity_q", Tensor.vector(q.clone()));
        if (chain != null) t.put("chain", Tensor.matrix(chain.rows(), chain.cols(), chain.toArray()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", TYPE);
        meta.put("format_version", "1");
        meta.put("epochs_done", Integer.toString(epochsDone));
        meta.put("order_rng_position", Long.toString(orderPosition));
        meta.put("gibbs_rng_position", Long.toString(gibbsPosition));
        meta.put("data_fingerprint", fingerprint);
        config.forEach((k, v) -> meta.put("config." + k, v));
        SafeTensors.write(file, t, meta);
    }

    static RbmCheckpoint read(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        if (!TYPE.equals(c.metadata().get("model"))) {
            throw new FormatException(file, "__metadata__.model", "not an RBM training checkpoint (" + c.metadata().get("model") + ")");
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        c.metadata().forEach((k, v) -> {
            if (k.startsWith("config.")) cfg.put(k.substring(7), v);
        });
        try {
            Tensor w = c.tensor(file, "weight"), vw = c.tensor(file, "weight_velocity");
            Tensor chain = c.tensors().get("chain");
            return new RbmCheckpoint(Integer.parseInt(c.meta(file, "epochs_done")),
                    FMatrix.wrap(w.data(), w.shape()[0], w.shape()[1]), c.tensor(file, "visible_bias").data(),
                    c.tensor(file, "hidden_bias").data(), FMatrix.wrap(vw.data(), vw.shape()[0], vw.shape()[1]),
                    c.tensor(file, "visible_velocity").data(), c.tensor(file, "hidden_velocity").data(),
                    c.tensor(file, "sparsity_q").data(),
                    chain == null ? null : FMatrix.wrap(chain.data(), chain.shape()[0], chain.shape()[1]),
                    Long.parseLong(c.meta(file, "order_rng_position")), Long.parseLong(c.meta(file, "gibbs_rng_position")),
                    cfg, c.meta(file, "data_fingerprint"));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new FormatException(file, "checkpoint", "malformed: " + e.getMessage());
        }
    }
}
