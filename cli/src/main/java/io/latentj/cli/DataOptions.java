package io.latentj.cli;

import picocli.CommandLine.Option;

/** The training-data options every {@code train} command shares. */
final class DataOptions {
    @Option(names = "--data", required = true,
            description = "A data file (.csv/.tsv, .npy, .npz, IDX images) or a directory with the Fashion-MNIST files.")
    java.nio.file.Path data;

    @Option(names = "--label-column",
            description = "CSV only: the label column (header name, or 0-based index with -1 = last); it is left out of the features.")
    String labelColumn;

    @Option(names = "--scale", defaultValue = "none",
            description = "Input scaling fitted on the training data and stored in the model: none, unit ([0,1] per column), "
                    + "standardize or binarize (> 0.5) (default: ${DEFAULT-VALUE}).")
    String scale;
}
