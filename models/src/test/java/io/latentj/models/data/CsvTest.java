package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsNumbersWithDetectedHeaderAndLabelsByNameOrIndex() throws IOException {
        Path f = write("a.csv", "\uFEFFx,y,label,z\r\n1,2.5,3,-4e-1\n\n.5, \"6\" ,0,7E+1\n");
        Csv.Table t = Csv.read(f, Csv.Options.defaults().withLabelColumn("label"));
        assertEquals(List.of("x", "y", "z"), t.columns());
        assertArrayEquals(new float[] {1, 2.5f, -0.4f, 0.5f, 6, 70}, t.x().toArray());
        assertArrayEquals(new int[] {3, 0}, t.labels());
        assertEquals(4, t.classes());
        Csv.Table byIndex = Csv.read(f, Csv.Options.defaults().withLabelColumn("2"));
        assertArrayEquals(t.labels(), byIndex.labels());
        Csv.Table noLabels = Csv.read(f, Csv.Options.defaults());
        assertEquals(4, noLabels.x().cols());
        assertNull(noLabels.labels());

        Path plain = write("b.tsv", "1\t2\n3\t4\n");
        FMatrix m = DataFiles.readMatrix(plain);
        assertEquals(2, m.rows());
        assertArrayEquals(new float[] {1, 2, 3, 4}, m.toArray());
        Csv.Table last = Csv.read(write("c.csv", "1,2,9\n3,4,8\n"), Csv.Options.defaults().withLabelColumn("-1"));
        assertArrayEquals(new int[] {9, 8}, last.labels());
        assertEquals(List.of("c0", "c1"), last.columns());
        // a numeric first line is data unless the header is declared
        assertEquals(1, Csv.read(write("d.csv", "1,2\n3,4\n"), Csv.Options.defaults().withHeader(Csv.Header.PRESENT)).x().rows());
    }

    private record Mutation(String line, String expected) {}

    /** Each mutation breaks one line of a good file; the error names the file, line, column and problem. */
    @Test
    void everyMalformedLineGivesAClearErrorWithLineAndColumn() throws IOException {
        List<Mutation> mutations = List.of(
                new Mutation("1,2,x,1", "column 3"), new Mutation("1,2,3", "has 3 fields, expected 4"),
                new Mutation("1,2,3,4,5", "has 5 fields"), new Mutation("1,,3,1", "empty field"),
                new Mutation("NaN,2,3,1", "is not a number"), new Mutation("1,Infinity,3,1", "is not a number"),
                new Mutation("1,2,1e39,1", "not finite"), new Mutation("1,2,0x1p3,1", "is not a number"),
                new Mutation("1,2,3f,1", "is not a number"), new Mutation("1,2,3,-1", "not a non-negative integer"),
                new Mutation("1,2,3,1.5", "not a non-negative integer"), new Mutation("1,2,3,70000", "not below"),
                new Mutation("1,2,3,", "empty label"), new Mutation("1,\"2\"\",3,1", "quotes inside"),
                new Mutation("1,2,3e,1", "is not a number"), new Mutation("1,2,-,1", "is not a number"));
        String header = "a,b,c,label";
        SplittableRandom r = new SplittableRandom(3);
        int files = 0;
        for (Mutation m : mutations) {
            for (int rep = 0; rep < 3; rep++) {
                StringBuilder sb = new StringBuilder(header).append('\n');
                int bad = 1 + r.nextInt(20);
                for (int i = 1; i <= 20; i++) sb.append(i == bad ? m.line() : i + "," + (i * 0.5) + ",-" + i + "," + (i % 3)).append('\n');
                Path f = write("m" + files++ + ".csv", sb.toString());
                FormatException e = assertThrows(FormatException.class, () -> Csv.read(f, Csv.Options.defaults().withLabelColumn("label")), m.line());
                String msg = e.getMessage();
                assertTrue(msg.contains(f.getFileName().toString()), msg);
                assertTrue(msg.contains("line " + (bad + 1)), "line " + (bad + 1) + " expected in: " + msg);
                assertTrue(msg.contains(m.expected()), "'" + m.expected() + "' expected in: " + msg);
            }
        }
    }

    /** Thousands of randomly mutated and truncated files: a clear FormatException or a sound result, nothing else. */
    @Test
    void randomMutationsAndTruncationsNeverCrashOrReturnGarbage() throws IOException {
        StringBuilder sb = new StringBuilder("f1,f2,f3,y\n");
        for (int i = 0; i < 30; i++) sb.append(i * 0.25).append(',').append(-i).append(",1e-").append(i % 5).append(',').append(i % 4).append('\n');
        byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = ",.-+e\"\n\r \t0123456789xNaIf".getBytes(StandardCharsets.UTF_8);
        SplittableRandom r = new SplittableRandom(11);
        Path f = dir.resolve("fuzz.csv");
        int refused = 0, accepted = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] b = good.clone();
            int kind = r.nextInt(4);
            if (kind == 0) b = java.util.Arrays.copyOf(b, r.nextInt(b.length)); // truncated
            else {
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = r.nextInt(b.length);
                    b[at] = kind == 3 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
                }
            }
            Files.write(f, b);
            try {
                Csv.Table t = Csv.read(f, Csv.Options.defaults().withLabelColumn("-1"));
                accepted++;
                assertEquals(t.x().rows(), t.labels().length);
                for (float v : t.x().toArray()) assertTrue(Float.isFinite(v));
                for (int y : t.labels()) assertTrue(y >= 0 && y < Csv.MAX_CLASSES);
            } catch (FormatException e) {
                refused++;
                assertTrue(e.getMessage().contains("fuzz.csv"), e.getMessage());
            }
        }
        assertTrue(refused > 1000 && accepted > 100, refused + " refused, " + accepted + " accepted");
    }

    @Test
    void refusesAbsurdSizesEmptyFilesAndBadLabelColumns() throws IOException {
        Path f = write("big.csv", "1,2\n3,4\n5,6\n");
        FormatException e = assertThrows(FormatException.class, () -> Csv.read(f, Csv.Options.defaults().withMaxValues(5)));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("more than 5 values"), e.getMessage());
        Path longLine = write("long.csv", "1," + "9".repeat(Csv.MAX_LINE) + "\n");
        assertTrue(assertThrows(FormatException.class, () -> Csv.readMatrix(longLine)).getMessage().contains("longer than"));
        assertTrue(assertThrows(FormatException.class, () -> Csv.readMatrix(write("empty.csv", "\n\n"))).getMessage().contains("no data rows"));
        assertTrue(assertThrows(FormatException.class, () -> Csv.readMatrix(write("h.csv", "a,b\n"))).getMessage().contains("no data rows"));
        assertTrue(assertThrows(FormatException.class, () -> Csv.read(write("n.csv", "1,2\n"), Csv.Options.defaults().withLabelColumn("y")))
                .getMessage().contains("no header"));
        assertTrue(assertThrows(FormatException.class, () -> Csv.read(write("o.csv", "1,2\n"), Csv.Options.defaults().withLabelColumn("5")))
                .getMessage().contains("outside"));
        assertTrue(assertThrows(FormatException.class, () -> Csv.read(write("p.csv", "1\n"), Csv.Options.defaults().withLabelColumn("0")))
                .getMessage().contains("no feature columns"));
        Path bin = dir.resolve("bin.csv");
        Files.write(bin, new byte[] {'1', ',', (byte) 0xC3, '\n'});
        assertTrue(assertThrows(FormatException.class, () -> Csv.readMatrix(bin)).getMessage().contains("UTF-8"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Csv.readMatrix(dir.resolve("missing.csv")));
    }
}
