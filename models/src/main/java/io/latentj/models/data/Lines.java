package io.latentj.models.data;

import io.latentj.models.io.FormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict UTF-8 text lines for the CSV readers: numbered from 1, {@code \n} or {@code \r\n} terminated, a leading BOM
 * dropped, invalid UTF-8 and lines longer than a cap refused with the file and line number.
 */
final class Lines implements AutoCloseable {
    private final Path file;
    private final int maxLine;
    private final BufferedReader in;
    private final StringBuilder sb = new StringBuilder();
    private int number;

    Lines(Path file, int maxLine) throws IOException {
        this.file = file;
        this.maxLine = maxLine;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    }

    /** The number of the line last returned by {@link #next}. */
    int number() {
        return number;
    }

    /** "line N" of the line last returned. */
    String where() {
        return "line " + number;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        sb.setLength(0);
        boolean any = false;
        try {
            int ch;
            while ((ch = in.read()) >= 0) {
                any = true;
                if (ch == '\n') break;
                if (sb.length() >= maxLine) throw new FormatException(file, "line " + (number + 1), "longer than " + maxLine + " characters");
                sb.append((char) ch);
            }
        } catch (CharacterCodingException e) {
            throw new FormatException(file, "line " + (number + 1), "not valid UTF-8");
        }
        if (!any) return null;
        number++;
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
        if (number == 1 && sb.length() > 0 && sb.charAt(0) == '\uFEFF') sb.deleteCharAt(0);
        return sb.toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
