/** The LatentJ command-line program. */
module io.latentj.cli {
    requires io.latentj.models;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires java.desktop;
    opens io.latentj.cli to info.picocli;
}
