package dev.vigil.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.service.LogLineReader.Line;

class LogLineReaderTest {

    @Test
    void shouldEndLinesAtLineFeedCarriageReturnOrBothLikeReadLine() throws IOException {
        List<Line> lines = readAll("a\nb\r\nc\rd\n\ne", 10);

        assertThat(lines).extracting(Line::text).containsExactly("a", "b", "c", "d", "", "e");
        assertThat(lines).extracting(Line::tooLong).containsOnly(false);
    }

    @Test
    void shouldKeepOnlyTheFirstCharactersOfA100000CharacterLineAndMarkItTooLong()
            throws IOException {
        String line = "x".repeat(100_000);

        List<Line> lines = readAll("first\n" + line + "\nlast", 16);

        assertThat(lines).extracting(Line::text)
                .containsExactly("first", "x".repeat(16), "last");
        assertThat(lines).extracting(Line::tooLong).containsExactly(false, true, false);
    }

    @Test
    void shouldTakeALineOfExactlyTheLimitAsItIs() throws IOException {
        assertThat(readAll("abcd\n", 4)).containsExactly(new Line("abcd", false));
    }

    @Test
    void shouldReadNothingFromAnEmptyLog() throws IOException {
        assertThat(readAll("", 4)).isEmpty();
    }

    private static List<Line> readAll(String log, int maxLength) throws IOException {
        LogLineReader reader = new LogLineReader(new StringReader(log), maxLength);
        List<Line> lines = new ArrayList<>();
        for (Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
