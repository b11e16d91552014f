package io.latentj.test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains every contract subject (seed 3, as the contract's allocation tests do) and saves it into a directory, one
 * file per subject, listed in {@code subjects.tsv} (name, file): the inputs of bench/alloc-probe.sh, which runs
 * {@link AllocationProbe} over many fresh JVMs. Arguments: the directory, then optionally subject names to train.
 */
public final class ProbeModels {
    private ProbeModels() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        java.util.Set<String> only = new java.util.HashSet<>(java.util.Arrays.asList(args).subList(1, args.length));
        StringBuilder list = new StringBuilder();
        int i = 0;
        for (ContractSubject s : ContractSubjects.all()) {
            i++;
            if (!only.isEmpty() && !only.contains(s.name())) continue;
            Path f = dir.resolve("subject-" + i + ".safetensors");
            s.save(s.fit(3, s.data()), f);
            list.append(s.name()).append('\t').append(f.toAbsolutePath()).append('\n');
        }
        Files.writeString(dir.resolve("subjects.tsv"), list.toString());
    }
}
