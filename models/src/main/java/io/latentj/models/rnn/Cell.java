package io.latentj.models.rnn;

import io.latentj.models.nn.Activation;

import java.util.Locale;

/**
 * The recurrent unit. Every cell reads [h_{t−1}, x_t] through one weight matrix W = [W_h | W_x] and a bias b:
 * <ul>
 * <li>{@link #TANH}: Elman's simple recurrent network, h_t = tanh(W_h h_{t−1} + W_x x_t + b) (W_x is U, W_h is W in
 * the usual h_t = tanh(U x_t + W h_{t−1}));</li>
 * <li>{@link #RELU}: the same with max(0, ·), initialised as Le, Jaitly and Hinton's IRNN (W_h = I, b = 0) unless
 * configured otherwise;</li>
 * <li>{@link #LSTM}: long short-term memory with forget, input and output gates (Hochreiter and Schmidhuber; the
 * forget gate of Gers et al.): f = σ(W_f[h, x] + b_f), i = σ(W_i[h, x] + b_i), c̃ = tanh(W_c[h, x] + b_c),
 * c_t = f ⊙ c_{t−1} + i ⊙ c̃, o = σ(W_o[h, x] + b_o), h_t = o ⊙ tanh(c_t). W stacks the four gates' rows in the
 * order f, i, c̃, o.</li>
 * </ul>
 */
public enum Cell {
    TANH, RELU, LSTM;

    /** Rows of W per hidden unit: 4 for the LSTM's gates, 1 for an Elman cell. */
    public int gates() { return this == LSTM ? 4 : 1; }

    /** The Elman cell's activation (not defined for the LSTM). */
    Activation activation() {
        return switch (this) {
            case TANH -> Activation.TANH;
            case RELU -> Activation.RELU;
            case LSTM -> throw new IllegalStateException("the LSTM has gates, not one activation");
        };
    }

    /** Name as written in model files: lower case. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@link #id()} (any case). */
    public static Cell parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown recurrent cell '" + s + "': expected tanh, relu or lstm");
        }
    }
}
