/** The model families of LatentJ, a thin layer over the kernels of io.latentj.simd. */
module io.latentj.models {
    requires transitive io.latentj.simd;
    requires jdk.management; // per-thread allocation counts, so warmUp() knows when the JIT is done
    exports io.latentj.models;
    exports io.latentj.models.autoencoder;
    exports io.latentj.models.boltzmann;
    exports io.latentj.models.io;
    exports io.latentj.models.linear;
    exports io.latentj.models.mixture;
    exports io.latentj.models.data;
    exports io.latentj.models.energy;
    exports io.latentj.models.dbn;
    exports io.latentj.models.nn;
    exports io.latentj.models.rbm;
    exports io.latentj.models.rnn;
    exports io.latentj.models.sparse;
    exports io.latentj.models.words;
    exports io.latentj.models.vae;
    exports io.latentj.models.gan;
}
