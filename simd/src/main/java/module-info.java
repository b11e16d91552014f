/**
 * The kernels of LatentJ on three paths: scalar Java (the reference), the Vector API and OpenBLAS via FFM,
 * the dispatcher that picks among them, and the counter-based RNG.
 * The Vector API is optional at run time: without it the library runs on the other paths.
 * {@code io.latentj.simd.tuning} (the tuner behind {@code latentj tune}) is internal: exported to the command line only.
 */
@SuppressWarnings("module") // the cli module is not visible when this one is compiled
module io.latentj.simd {
    requires transitive io.latentj.bindings;
    requires static jdk.incubator.vector;
    exports io.latentj.simd;
    exports io.latentj.simd.tuning to io.latentj.cli;
}
