package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RatingsCsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static final List<String> GOOD = List.of("user,item,rating", "alice,matrix,5", "alice,heat,3", "bob,matrix,4",
            "carol, heat ,1", "bob,up,2", "42,up,5");

    @Test
    void readsIdsInOrderOfFirstAppearanceWithAndWithoutHeader() throws IOException {
        Ratings r = RatingsCsv.read(write("a.csv", String.join("\n", GOOD) + "\n"), 5);
        assertEquals(List.of("alice", "bob", "carol", "42"), r.userIds());
        assertEquals(List.of("matrix", "heat", "up"), r.itemIds());
        assertEquals(6, r.size());
        assertEquals(2, r.count(0));
        // alice: matrix(0)=5, heat(1)=3, sorted by item
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOfRange(r.item(), 0, 2));
        assertArrayEquals(new int[] {5, 3}, java.util.Arrays.copyOfRange(r.rating(), 0, 2));
        // no header, CRLF line ends, a blank line, no final newline
        Ratings r2 = RatingsCsv.read(write("b.csv", String.join("\r\n", GOOD.subList(1, GOOD.size())).replace("bob,up,2", "\r\nbob,up,2")), 5);
        assertEquals(r, r2);
        // integer ids are strings too
        Ratings r3 = RatingsCsv.read(write("c.csv", "7,100,1\n9,100,2\n7,3,5\n"), 5);
        assertEquals(List.of("7", "9"), r3.userIds());
        assertEquals(List.of("100", "3"), r3.itemIds());
    }

    @Test
    void writeThenReadIsTheIdentity() throws IOException {
        Ratings r = RatingsCsv.read(write("a.csv", String.join("\n", GOOD)), 5);
        Path out = dir.resolve("out.csv");
        RatingsCsv.write(out, r);
        assertEquals(r, RatingsCsv.read(out, 5));
        Ratings bad = Ratings.of(1, 1, 5, new int[] {0}, new int[] {0}, new int[] {1}, List.of("a,b"), List.of("x"));
        assertThrows(IllegalArgumentException.class, () -> RatingsCsv.write(dir.resolve("bad.csv"), bad));
    }

    /** Each mutation breaks one line of a good file; the error must name the file, that line and the problem. */
    @Test
    void everyMalformedLineGivesAClearErrorWithItsLineNumber() throws IOException {
        record Mutation(String line, String expected) {}
        List<Mutation> mutations = List.of(
                new Mutation("bob,matrix", "expected 3 fields"),
                new Mutation("bob,matrix,4,extra", "expected 3 fields"),
                new Mutation("bob;matrix;4", "expected 3 fields"),
                new Mutation(",matrix,4", "empty user id"),
                new Mutation("bob,  ,4", "empty item id"),
                new Mutation("bob,matrix,four", "not an integer"),
                new Mutation("bob,matrix,4.5", "not an integer"),
                new Mutation("bob,matrix,", "not an integer"),
                new Mutation("bob,matrix,0", "outside [1, 5]"),
                new Mutation("bob,matrix,6", "outside [1, 5]"),
                new Mutation("bob,matrix,-3", "outside [1, 5]"),
                new Mutation("bob,matrix,99999999999", "not an integer"),
                new Mutation("\"bob\",matrix,4", "quoted"),
                new Mutation("alice,matrix,2", "again (first on line 2)"),
                new Mutation("x".repeat(RatingsCsv.MAX_LINE + 10) + ",a,1", "longer than"));
        List<String> messages = new ArrayList<>();
        for (int m = 0; m < mutations.size(); m++) {
            for (int lineIdx : new int[] {3, 5}) { // 1-based line 4 and line 6 of the file
                List<String> lines = new ArrayList<>(GOOD);
                lines.set(lineIdx, mutations.get(m).line());
                Path f = write("m" + m + "_" + lineIdx + ".csv", String.join("\n", lines) + "\n");
                FormatException e = assertThrows(FormatException.class, () -> RatingsCsv.read(f, 5), mutations.get(m).line());
                String msg = e.getMessage();
                assertTrue(msg.contains(f.toString()), msg);
                assertTrue(msg.contains("line " + (lineIdx + 1) + ")"), "line " + (lineIdx + 1) + " expected in: " + msg);
                assertTrue(msg.contains(mutations.get(m).expected()), "'" + mutations.get(m).expected() + "' expected in: " + msg);
                messages.add(msg.substring(msg.indexOf('(')));
            }
        }
        System.out.println(mutations.size() * 2 + " mutated CSV files, e.g. " + messages.subList(0, 6));
    }

    @Test
    void refusesAbsurdSizesAndBadEncoding() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) sb.append("u").append(i).append(",i,3\n");
        Path f = write("many.csv", sb.toString());
        FormatException e = assertThrows(FormatException.class, () -> RatingsCsv.read(f, 5, 20));
        assertTrue(e.getMessage().contains("line 21") && e.getMessage().contains("more than 20"), e.getMessage());
        assertEquals(50, RatingsCsv.read(f, 5, 50).size());
        Path bin = dir.resolve("bin.csv");
        Files.write(bin, new byte[] {'a', ',', 'b', ',', '1', '\n', (byte) 0xC3, (byte) 0x28, ',', 'b', ',', '2', '\n'});
        e = assertThrows(FormatException.class, () -> RatingsCsv.read(bin, 5));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RatingsCsv.read(f, 0));
        assertThrows(IllegalArgumentException.class, () -> RatingsCsv.read(f, 1000));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> RatingsCsv.read(dir.resolve("missing.csv"), 5));
        // an empty file is an empty ratings set
        assertEquals(0, RatingsCsv.read(write("empty.csv", ""), 5).size());
    }

    @Test
    void splitKeepsEveryRatingOnce() {
        Ratings r = Ratings.of(3, 4, 5, new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 3, 1, 0, 1, 2}, new int[] {1, 2, 3, 4, 5, 1});
        Ratings.Split s = r.split(0.5, 3);
        assertEquals(r.size(), s.train().size() + s.test().size());
        assertEquals(s, r.split(0.5, 3));
    }
}
