package io.latentj.models.autoencoder;

import io.latentj.models.nn.MlpConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to train a {@link StackedAutoencoder} (Bengio et al. 2007; Vincent et al. 2010): one {@link AutoencoderConfig}
 * per layer, input side first — each layer is any autoencoder variant (plain, denoising, sparse, contractive),
 * trained greedily on the codes of the layer below — and the {@link MlpConfig} of the supervised fine-tuning of the
 * whole stack with a softmax layer on top. Immutable; build with {@link #builder}.
 *
 * <p>The layers must share one encoder activation (the fine-tuned network has one hidden activation). The fine-tuning
 * config's hidden sizes and activation must be the stack's; {@link Builder#fineTuning} without hidden sizes takes
 * them from the layers. Default fine-tuning: the layers' sizes and activation, Adam with learning rate 0.001,
 * 20 epochs of minibatches of 100.
 */
public final class StackedAutoencoderConfig {
    private final List<AutoencoderConfig> layers;
    private final MlpConfig fineTuning;

    private StackedAutoencoderConfig(List<AutoencoderConfig> layers, MlpConfig fineTuning) {
        this.layers = List.copyOf(layers);
        this.fineTuning = fineTuning;
    }

    /** A builder over the layers' configs, input side first (at least one). */
    public static Builder builder(AutoencoderConfig... layers) {
        if (layers == null) throw new IllegalArgumentException("layers must not be null");
        return new Builder(Arrays.asList(layers));
    }

    public static Builder builder(List<AutoencoderConfig> layers) {
        if (layers == null) throw new IllegalArgumentException("layers must not be null");
        return new Builder(layers);
    }

    public Builder toBuilder() { return new Builder(layers).fineTuning(fineTuning); }

    /** The layers' configs, input side first. */
    public List<AutoencoderConfig> layers() { return layers; }
    public int depth() { return layers.size(); }
    /** The hidden sizes of the layers, input side first. */
    public int[] hiddenSizes() { return layers.stream().mapToInt(AutoencoderConfig::hidden).toArray(); }
    /** The config of supervised fine-tuning (hidden sizes and activation are the stack's). */
    public MlpConfig fineTuning() { return fineTuning; }

    @Override
    public String toString() { return "StackedAutoencoderConfig[layers " + layers + ", fine-tuning " + fineTuning + "]"; }

    /** Builder of {@link StackedAutoencoderConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final List<AutoencoderConfig> layers;
        private MlpConfig fineTuning;

        private Builder(List<AutoencoderConfig> layers) {
            this.layers = new ArrayList<>(layers);
        }

        /**
         * The supervised fine-tuning config. With no hidden layers given ({@code MlpConfig.builder()}), the stack's
         * sizes and encoder activation are filled in; otherwise they must match the stack.
         */
        public Builder fineTuning(MlpConfig config) { this.fineTuning = config; return this; }

        public StackedAutoencoderConfig build() {
            if (layers.isEmpty()) throw new IllegalArgumentException("a stack needs at least one layer");
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) == null) throw new IllegalArgumentException("layer " + i + " config is null");
                if (layers.get(i).encoder() != layers.get(0).encoder()) {
                    throw new IllegalArgumentException("layer " + i + " encodes with " + layers.get(i).encoder().id() + ", layer 0 with "
                            + layers.get(0).encoder().id() + ": the layers of a stack share one encoder activation");
                }
            }
            int[] sizes = layers.stream().mapToInt(AutoencoderConfig::hidden).toArray();
            MlpConfig ft = fineTuning;
            if (ft == null) ft = MlpConfig.builder(sizes).hiddenActivation(layers.get(0).encoder()).build();
            else if (ft.hiddenLayers() == 0) ft = ft.toBuilder().hiddenSizes(sizes).hiddenActivation(layers.get(0).encoder()).build();
            if (!Arrays.equals(ft.hiddenSizes(), sizes)) {
                throw new IllegalArgumentException("fine-tuning hidden sizes " + Arrays.toString(ft.hiddenSizes()) + " differ from the stack's " + Arrays.toString(sizes));
            }
            if (ft.hiddenActivation() != layers.get(0).encoder()) {
                throw new IllegalArgumentException("fine-tuning hidden activation " + ft.hiddenActivation().id() + " differs from the stack's encoder "
                        + layers.get(0).encoder().id());
            }
            return new StackedAutoencoderConfig(layers, ft);
        }
    }
}
