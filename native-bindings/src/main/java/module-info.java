/** FFM bindings to CBLAS and LAPACK(E) in jextract's shape, and the OpenBLAS loader. Depends on the JDK alone. */
module io.latentj.bindings {
    exports io.latentj.bindings;
    exports io.latentj.bindings.cblas;
    exports io.latentj.bindings.lapack;
}
