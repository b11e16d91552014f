package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.InputScaling;
import io.latentj.models.ModelFiles;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelSource;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every model family loads from a {@code byte[]}, a {@link ByteBuffer}, a {@link MemorySegment} and an
 * {@link java.io.InputStream} with outputs bit-identical to loading the file, input scaling included; corrupt and
 * truncated bytes fail with the errors of a corrupt file.
 */
class ModelSourcesTest {
    @TempDir
    Path dir;

    static Stream<ContractSubject> subjects() {
        return ContractSubjects.all().stream();
    }

    private static Map<String, ModelSource> sources(byte[] b, Arena arena) throws java.io.IOException {
        Map<String, ModelSource> out = new LinkedHashMap<>();
        out.put("byte[]", ModelSource.of(b));
        byte[] padded = new byte[b.length + 11];
        System.arraycopy(b, 0, padded, 5, b.length);
        out.put("heap ByteBuffer", ModelSource.of(ByteBuffer.wrap(padded, 5, b.length)));
        out.put("direct ByteBuffer", ModelSource.of(ByteBuffer.allocateDirect(b.length).put(b).flip()));
        out.put("MemorySegment", ModelSource.of(arena.allocate(b.length).copyFrom(MemorySegment.ofArray(b))));
        out.put("InputStream", ModelSource.of(new ByteArrayInputStream(b)));
        return out;
    }

    private static void assertSameOutputs(Encoder want, Encoder got, FMatrix x, String what) {
        assertEquals(want.getClass(), got.getClass(), what);
        assertArrayEquals(want.transform(x).data(), got.transform(x).data(), what + ": transform");
        float[] o1 = new float[want.outputSize()], o2 = new float[got.outputSize()];
        for (int r = 0; r < Math.min(3, x.rows()); r++) {
            want.transformInto(x.data(), x.rowOffset(r), o1, 0);
            got.transformInto(x.data(), x.rowOffset(r), o2, 0);
            assertArrayEquals(o1, o2, what + ": transformInto row " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void loadingFromMemoryOrAStreamIsLoadingTheFile(ContractSubject s) throws Exception {
        FMatrix x = s.data();
        Encoder m = s.fit(2, x);
        Path f = dir.resolve(s.name() + ".safetensors");
        s.save(m, f);
        Encoder fromFile = s.load(f);
        assertSameOutputs(fromFile, ModelFiles.load(f), x, s.name() + " ModelFiles.load(file)");
        byte[] b = Files.readAllBytes(f);
        try (Arena arena = Arena.ofConfined()) {
            for (var e : sources(b, arena).entrySet()) {
                assertSameOutputs(fromFile, ModelFiles.load(e.getValue()), x, s.name() + " from " + e.getKey());
                assertSameOutputs(fromFile, ModelFiles.loadModel(e.getValue(), io.latentj.simd.Path.defaultPath()), x,
                        s.name() + " loadModel from " + e.getKey());
            }
        }
        assertEquals(ModelFiles.type(f), ModelFiles.type(ModelSource.of(b)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void truncatedAndCorruptBytesFailLikeACorruptFile(ContractSubject s) throws Exception {
        FMatrix x = s.data();
        Encoder m = s.fit(3, x);
        Path f = dir.resolve(s.name() + ".safetensors");
        s.save(m, f);
        byte[] good = Files.readAllBytes(f);
        long headerLen = ByteBuffer.wrap(good, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        byte[][] bad = {
            java.util.Arrays.copyOf(good, 5),                         // shorter than the header length
            java.util.Arrays.copyOf(good, (int) (8 + headerLen / 2)), // cut inside the header
            java.util.Arrays.copyOf(good, good.length - 3),           // cut inside the last tensor
            corruptHeaderByte(good),                                  // broken JSON
            wrongType(f),                                             // another model type
        };
        Path broken = dir.resolve(s.name() + "-broken.safetensors");
        for (int i = 0; i < bad.length; i++) {
            Files.write(broken, bad[i]);
            FormatException fileError = assertThrows(FormatException.class, () -> ModelFiles.load(broken), s.name() + " case " + i);
            String problem = fileError.getMessage().substring(broken.toString().length());
            assertFalse(problem.isBlank());
            byte[] bytes = bad[i];
            FormatException e = assertThrows(FormatException.class, () -> ModelFiles.load(ModelSource.of(bytes)), s.name() + " case " + i);
            assertEquals("<bytes>" + problem, e.getMessage(), s.name() + " case " + i);
            e = assertThrows(FormatException.class, () -> ModelFiles.load(ModelSource.of(new ByteArrayInputStream(bytes)).named("upload")));
            assertEquals("upload" + problem, e.getMessage(), s.name() + " case " + i);
        }
    }

    private static byte[] corruptHeaderByte(byte[] good) {
        byte[] b = good.clone();
        b[8] = '!';
        return b;
    }

    private byte[] wrongType(Path f) throws java.io.IOException {
        var c = io.latentj.models.io.SafeTensors.read(f);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("model", "NoSuchModel");
        Path t = dir.resolve("wrong-type.safetensors");
        io.latentj.models.io.SafeTensors.write(t, c.tensors(), meta);
        return Files.readAllBytes(t);
    }

    /** Input scaling stored in the file is applied the same way whatever the source. */
    @Test
    void inputScalingIsAppliedWhateverTheSource() throws Exception {
        for (String name : new String[] {"PCA", "GaussianBernoulliRBM", "BernoulliRBM"}) {
            ContractSubject s = ContractSubjects.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            FMatrix x = s.data();
            InputScaling scaling = name.equals("BernoulliRBM") ? InputScaling.binarize(0.5f)
                    : InputScaling.fit(InputScaling.Kind.STANDARDIZE, x);
            Path f = dir.resolve(name + "-scaled.safetensors");
            s.save(s.fit(1, x), f);
            Encoder plain = ModelFiles.load(f);
            scaling.attachTo(f);
            Encoder fromFile = ModelFiles.load(f);
            FMatrix raw = x.copy();
            for (int i = 0; i < raw.data().length; i++) raw.data()[i] = raw.data()[i] * 3f - 0.7f; // not already in scale
            assertFalse(java.util.Arrays.equals(plain.transform(raw).data(), fromFile.transform(raw).data()),
                    name + ": the scaling must change the outputs, else this test shows nothing");
            byte[] b = Files.readAllBytes(f);
            try (Arena arena = Arena.ofConfined()) {
                for (var e : sources(b, arena).entrySet()) {
                    assertSameOutputs(fromFile, ModelFiles.load(e.getValue()), raw, name + " scaled, from " + e.getKey());
                }
            }
        }
    }
}
