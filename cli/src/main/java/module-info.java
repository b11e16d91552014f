/** The LatentJ command-line program. */
module io.latentj.cli {
    requires io.latentj.models;
    requires info.picocli;
    opens io.latentj.cli to info.picocli;
}
