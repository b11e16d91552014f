package io.latentj.models;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A per-feature transform of the raw inputs, fitted on the training data and stored in the model file, so inference
 * applies exactly what training saw: {@link Kind#UNIT_RANGE} (each column to [0, 1] by its training min and max,
 * values beyond that range clamped),
 * {@link Kind#STANDARDIZE} (zero mean, unit variance), {@link Kind#BINARIZE} (1 above a threshold, else 0). Immutable.
 *
 * <p>In a model file it is the tensors {@code input_scaling.scale} and {@code input_scaling.shift} [features] (the map is
 * x·scale + shift) and the metadata {@code input_scaling} (the kind) and {@code input_scaling.threshold};
 * {@link ModelFiles#load} wraps a model whose file has them so that every call applies the transform.
 */
public final class InputScaling {
    public enum Kind {
        NONE, UNIT_RANGE, STANDARDIZE, BINARIZE;

        public String id() {
            return switch (this) {
                case NONE -> "none";
                case UNIT_RANGE -> "unit";
                case STANDARDIZE -> "standardize";
                case BINARIZE -> "binarize";
            };
        }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.id().equals(s.toLowerCase(Locale.ROOT)) || k.name().equalsIgnoreCase(s)) return k;
            throw new IllegalArgumentException("unknown input scaling \"" + s + "\": use none, unit, standardize or binarize");
        }
    }

    private static final InputScaling NONE = new InputScaling(Kind.NONE, null, null, 0f);

    private final Kind kind;
    private final float[] scale, shift; // affine kinds only
    private final float threshold;      // BINARIZE only

    private InputScaling(Kind kind, float[] scale, float[] shift, float threshold) {
        this.kind = kind;
        this.scale = scale;
        this.shift = shift;
        this.threshold = threshold;
    }

    public static InputScaling none() {
        return NONE;
    }

    /** Binarisation at a fixed threshold (needs no fitting). */
    public static InputScaling binarize(float threshold) {
        if (!Float.isFinite(threshold)) throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        return new InputScaling(Kind.BINARIZE, null, null, threshold);
    }

    /** Fits a transform of this kind on training data (rows × features); BINARIZE uses the threshold 0.5. */
    public static InputScaling fit(Kind kind, FMatrix x) {
        Inputs.requireTrainingData(Path.AUTO, x, 1);
        if (kind == Kind.NONE) return NONE;
        if (kind == Kind.BINARIZE) return binarize(0.5f);
        int d = x.cols();
        float[] scale = new float[d], shift = new float[d];
        if (kind == Kind.UNIT_RANGE) {
            for (int j = 0; j < d; j++) {
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < x.rows(); i++) {
                    float v = x.get(i, j);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                scale[j] = hi > lo ? 1f / (hi - lo) : 1f;
                shift[j] = -lo * scale[j];
            }
        } else {
            double[] mean = new double[d], m2 = new double[d];
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < d; j++) mean[j] += x.get(i, j);
            }
            for (int j = 0; j < d; j++) mean[j] /= x.rows();
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < d; j++) {
                    double c = x.get(i, j) - mean[j];
                    m2[j] += c * c;
                }
            }
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(m2[j] / x.rows());
                scale[j] = sd > 1e-12 ? (float) (1 / sd) : 1f;
                shift[j] = (float) (-mean[j] * scale[j]);
            }
        }
        return new InputScaling(kind, scale, shift, 0f);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** Features this transform was fitted on, or −1 when it applies to any width (NONE, BINARIZE). */
    public int features() {
        return scale == null ? -1 : scale.length;
    }

    /** The transformed copy of {@code x}. */
    public FMatrix apply(FMatrix x) {
        Inputs.requireMatrix(Path.AUTO, "x", x, scale == null && x != null ? x.cols() : features());
        if (kind == Kind.NONE) return x;
        FMatrix out = FMatrix.zeros(x.rows(), x.cols());
        for (int r = 0; r < x.rows(); r++) applyInto(x.data(), x.rowOffset(r), out.data(), out.rowOffset(r), x.cols());
        return out;
    }

    /** Transforms one row of n features into {@code out} without allocating (out may be x). */
    public void applyInto(float[] x, int xOff, float[] out, int outOff, int n) {
        requireWidth(n);
        switch (kind) {
            case NONE -> System.arraycopy(x, xOff, out, outOff, n);
            case BINARIZE -> Elementwise.binarize(Path.AUTO, threshold, x, xOff, out, outOff, n);
            case STANDARDIZE -> Elementwise.affine(Path.AUTO, x, xOff, scale, 0, shift, 0, out, outOff, n);
            case UNIT_RANGE -> { // rounding must not leave [0, 1]; inputs beyond the training range are clamped to it
                Elementwise.affine(Path.AUTO, x, xOff, scale, 0, shift, 0, out, outOff, n);
                Elementwise.clamp(Path.AUTO, 0f, 1f, out, outOff, out, outOff, n);
            }
        }
    }

    /** Maps model outputs in the transformed space (reconstructions, samples) back to raw units; BINARIZE is kept. */
    public FMatrix invert(FMatrix y) {
        if (kind == Kind.NONE || kind == Kind.BINARIZE) return y;
        requireWidth(y.cols());
        float[] inv = new float[scale.length], back = new float[scale.length];
        for (int j = 0; j < scale.length; j++) {
            inv[j] = 1f / scale[j];
            back[j] = -shift[j] * inv[j];
        }
        FMatrix out = FMatrix.zeros(y.rows(), y.cols());
        for (int r = 0; r < y.rows(); r++) {
            Elementwise.affine(Path.AUTO, y.data(), y.rowOffset(r), inv, 0, back, 0, out.data(), out.rowOffset(r), y.cols());
        }
        return out;
    }

    private void requireWidth(int n) {
        if (scale != null && n != scale.length) {
            throw new IllegalArgumentException("input has " + n + " features; the input scaling was fitted on " + scale.length);
        }
    }

    /**
     * Adds this transform to a model file written by the model's own {@code save} (rewritten atomically), so
     * {@link ModelFiles#load} applies it. NONE leaves the file as it is.
     */
    public void attachTo(java.nio.file.Path modelFile) throws IOException {
        if (kind == Kind.NONE) return;
        SafeTensors.Contents c = SafeTensors.read(modelFile);
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("input_scaling", kind.id());
        if (kind == Kind.BINARIZE) meta.put("input_scaling.threshold", Float.toString(threshold));
        else {
            t.put("input_scaling.scale", Tensor.vector(scale.clone()));
            t.put("input_scaling.shift", Tensor.vector(shift.clone()));
        }
        SafeTensors.write(modelFile, t, meta);
    }

    /** The transform recorded in a model file's contents, or {@link #none()}. */
    public static InputScaling readFrom(java.nio.file.Path file, SafeTensors.Contents c) throws FormatException {
        return readFrom(String.valueOf(file), c);
    }

    /**
     * The transform recorded in a model's contents, whatever source they were read from (errors name {@code source}),
     * or {@link #none()}.
     */
    public static InputScaling readFrom(String source, SafeTensors.Contents c) throws FormatException {
        String file = source;
        String k = c.metadata().get("input_scaling");
        if (k == null) return NONE;
        Kind kind;
        try {
            kind = Kind.parse(k);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "__metadata__.input_scaling", e.getMessage());
        }
        switch (kind) {
            case NONE:
                return NONE;
            case BINARIZE:
                try {
                    return binarize(Float.parseFloat(c.metadata().getOrDefault("input_scaling.threshold", "")));
                } catch (IllegalArgumentException e) {
                    throw new FormatException(file, "__metadata__.input_scaling.threshold", "not a finite number: " + e.getMessage());
                }
            default:
                Tensor s = c.tensor(file, "input_scaling.scale"), h = c.tensor(file, "input_scaling.shift");
                if (s.shape().length != 1 || h.shape().length != 1 || s.shape()[0] != h.shape()[0]) {
                    throw new FormatException(file, "input_scaling", "scale and shift must be vectors of one length");
                }
                for (int j = 0; j < s.data().length; j++) {
                    if (!Float.isFinite(s.data()[j]) || s.data()[j] == 0f || !Float.isFinite(h.data()[j])) {
                        throw new FormatException(file, "input_scaling", "scale/shift at feature " + j + " is zero or not finite");
                    }
                }
                return new InputScaling(kind, s.data().clone(), h.data().clone(), 0f);
        }
    }

    @Override
    public String toString() {
        return "InputScaling[" + kind.id() + (kind == Kind.BINARIZE ? " > " + threshold : "") + "]";
    }
}
