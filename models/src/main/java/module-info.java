/** The model families of LatentJ, a thin layer over the kernels of io.latentj.simd. */
module io.latentj.models {
    requires transitive io.latentj.simd;
    exports io.latentj.models;
    exports io.latentj.models.autoencoder;
    exports io.latentj.models.io;
    exports io.latentj.models.linear;
    exports io.latentj.models.data;
    exports io.latentj.models.nn;
    exports io.latentj.models.rbm;
    exports io.latentj.models.sparse;
}
