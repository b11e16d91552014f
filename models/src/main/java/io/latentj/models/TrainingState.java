package io.latentj.models;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint of any trainer, as safetensors: named tensors (parameters, optimiser moments, sampler chains)
 * and, in the metadata, {@code model = <type>}, {@code epochs_done}, named counters (random-stream positions, optimiser
 * step counts), named series of doubles (objective histories, exact to the bit), the training config
 * ({@code config.*}) and the training data's fingerprint. A checkpoint is only resumed by a run with the same config
 * (the number of epochs may differ) and the same data; writes are atomic.
 * Trainers name their state once in a {@link Layout}, which both saves and restores it.
 */
public final class TrainingState {
    private final String type;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final Map<String, String> series = new LinkedHashMap<>();
    private int epochsDone;

    private TrainingState(String type) {
        this.type = type;
    }

    /** A new, empty state of a trainer of this type (e.g. {@code "BernoulliRBM-checkpoint"}). */
    public static TrainingState of(String type) {
        return new TrainingState(type);
    }

    public TrainingState epochsDone(int epochs) {
        this.epochsDone = epochs;
        return this;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Adds a matrix (copied). */
    public TrainingState put(String name, FMatrix m) {
        tensors.put(name, Tensor.matrix(m.rows(), m.cols(), m.toArray()));
        return this;
    }

    /** Adds a vector (copied). */
    public TrainingState put(String name, float[] v) {
        tensors.put(name, Tensor.vector(v.clone()));
        return this;
    }

    public TrainingState putCounter(String name, long value) {
        counters.put(name, value);
        return this;
    }

    /**
     * Adds a series of doubles (e.g. an objective history whose last entry a convergence test compares against) as
     * the metadata entry {@code name}: comma-separated shortest decimal forms, which read back to the same bits.
     */
    public TrainingState putValues(String name, double[] values, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) b.append(i == 0 ? "" : ",").append(values[i]);
        series.put(name, b.toString());
        return this;
    }

    /** Writes this state atomically, with the config and data fingerprint that a resume must match. */
    public void save(Checkpointing where, Map<String, String> config, String dataFingerprint) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", type);
        meta.put("format_version", "1");
        meta.put("epochs_done", Integer.toString(epochsDone));
        counters.forEach((k, v) -> meta.put(k, Long.toString(v)));
        meta.putAll(series);
        meta.put("data_fingerprint", dataFingerprint);
        config.forEach((k, v) -> meta.put("config." + k, v));
        try {
            SafeTensors.write(where.file(), tensors, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + where.file(), e);
        }
    }

    /**
     * Reads the checkpoint of {@code where}, refusing one of another trainer type, another config (ignoring
     * {@code epochs}) or other training data.
     */
    public static Restored resume(Checkpointing where, String type, Map<String, String> config, String dataFingerprint) {
        Path file = where.file();
        SafeTensors.Contents c;
        try {
            c = SafeTensors.read(file);
            if (!type.equals(c.metadata().get("model"))) {
                throw new FormatException(file, "__metadata__.model", "not a " + type + " (" + c.metadata().get("model") + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> theirs = new LinkedHashMap<>(), mine = new LinkedHashMap<>(config);
        c.metadata().forEach((k, v) -> {
            if (k.startsWith("config.")) theirs.put(k.substring(7), v);
        });
        mine.remove("epochs");
        theirs.remove("epochs");
        if (!mine.equals(theirs)) throw new IllegalArgumentException("checkpoint " + file + " was made with another config: " + theirs + " vs " + mine);
        if (!dataFingerprint.equals(c.metadata().get("data_fingerprint"))) {
            throw new IllegalArgumentException("checkpoint " + file + " was made with other training data");
        }
        return new Restored(file, c);
    }

    /** A checkpoint read back: copy its tensors into the trainer's own arrays, with their shapes checked. */
    public static final class Restored {
        private final Path file;
        private final SafeTensors.Contents contents;

        private Restored(Path file, SafeTensors.Contents contents) {
            this.file = file;
            this.contents = contents;
        }

        public int epochsDone() {
            return (int) counter("epochs_done");
        }

        public long counter(String name) {
            try {
                return Long.parseLong(contents.meta(file, name));
            } catch (NumberFormatException | FormatException e) {
                throw new UncheckedIOException(new FormatException(file, "__metadata__." + name, "missing or not an integer"));
            }
        }

        /** The series {@link TrainingState#putValues} saved as {@code name}. */
        public double[] values(String name) {
            try {
                String s = contents.meta(file, name);
                if (s.isEmpty()) return new double[0];
                String[] parts = s.split(",");
                double[] v = new double[parts.length];
                for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(parts[i]);
                return v;
            } catch (NumberFormatException | FormatException e) {
                throw new UncheckedIOException(new FormatException(file, "__metadata__." + name, "missing or not a list of numbers"));
            }
        }

        public boolean has(String tensor) {
            return contents.tensors().containsKey(tensor);
        }

        /** Copies tensor {@code name} into {@code target}, which must have its shape. */
        public void into(String name, FMatrix target) {
            Tensor t = tensor(name);
            if (t.shape().length != 2 || t.shape()[0] != target.rows() || t.shape()[1] != target.cols()) {
                throw new IllegalArgumentException("checkpoint " + file + ": " + name + " is " + Arrays.toString(t.shape())
                        + ", this run needs " + target.shape());
            }
            target.copyFrom(FMatrix.wrap(t.data(), target.rows(), target.cols()));
        }

        /** Copies vector {@code name} into {@code target}, which must have its length. */
        public void into(String name, float[] target) {
            Tensor t = tensor(name);
            if (t.shape().length != 1 || t.shape()[0] != target.length) {
                throw new IllegalArgumentException("checkpoint " + file + ": " + name + " is " + Arrays.toString(t.shape())
                        + ", this run needs [" + target.length + "]");
            }
            System.arraycopy(t.data(), 0, target, 0, target.length);
        }

        /** A matrix tensor as a new matrix. */
        public FMatrix matrix(String name) {
            Tensor t = tensor(name);
            if (t.shape().length != 2) throw new IllegalArgumentException("checkpoint " + file + ": " + name + " is not a matrix");
            return FMatrix.wrap(t.data().clone(), t.shape()[0], t.shape()[1]);
        }

        private Tensor tensor(String name) {
            try {
                return contents.tensor(file, name);
            } catch (FormatException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Path file() {
            return file;
        }
    }

    /**
     * The arrays and random streams a trainer checkpoints, named once: {@link #state} saves them, {@link #restore}
     * copies them back in place (shapes checked) and moves the streams to their saved positions.
     */
    public static final class Layout {
        private final String type;
        private final Map<String, FMatrix> matrices = new LinkedHashMap<>();
        private final Map<String, float[]> vectors = new LinkedHashMap<>();
        private final Map<String, Rng> streams = new LinkedHashMap<>();

        public Layout(String type) {
            this.type = type;
        }

        public Layout matrix(String name, FMatrix m) {
            matrices.put(name, m);
            return this;
        }

        public Layout vector(String name, float[] v) {
            vectors.put(name, v);
            return this;
        }

        /** A random stream whose position is saved as the counter {@code name}. */
        public Layout stream(String name, Rng rng) {
            streams.put(name, rng);
            return this;
        }

        /** The state after {@code epochsDone} epochs; callers may add what only some runs have, then {@link #save}. */
        public TrainingState state(int epochsDone) {
            TrainingState s = TrainingState.of(type).epochsDone(epochsDone);
            matrices.forEach(s::put);
            vectors.forEach(s::put);
            streams.forEach((name, rng) -> s.putCounter(name, rng.position()));
            return s;
        }

        /** Reads the checkpoint (same config and data), restores every named array and stream, and returns it. */
        public Restored restore(Checkpointing where, Map<String, String> config, String dataFingerprint) {
            return restoreFrom(resume(where, type, config, dataFingerprint));
        }

        /**
         * Restores every named array and stream from a checkpoint already read by {@link #resume} (e.g. one stage of
         * a multi-stage trainer whose checkpoint also holds what earlier stages finished); returns it.
         */
        public Restored restoreFrom(Restored r) {
            matrices.forEach(r::into);
            vectors.forEach(r::into);
            streams.forEach((name, rng) -> rng.seek(r.counter(name)));
            return r;
        }
    }
}
