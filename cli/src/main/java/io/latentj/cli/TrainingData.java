package io.latentj.cli;

import io.latentj.models.data.DataFiles;
import io.latentj.models.data.FashionMnist;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the train commands read: a Fashion-MNIST directory (training images, test images held out) or one data file. */
record TrainingData(FMatrix train, FMatrix heldOut) {
    static TrainingData load(Path data) throws IOException {
        if (Files.isDirectory(data)) {
            FashionMnist d = FashionMnist.load(data);
            return new TrainingData(d.trainImages(), d.testImages());
        }
        return new TrainingData(DataFiles.readMatrix(data), null);
    }
}
