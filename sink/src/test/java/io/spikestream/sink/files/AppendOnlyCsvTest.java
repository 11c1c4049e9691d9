package io.spikestream.sink.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyCsvTest {

    private static final List<String> HEADER = List.of("camera", "sequence");

    @TempDir
    Path tmp;

    @Test
    void shouldWriteHeaderOnceAndReadRowsBackWhenReopened() throws Exception {
        Path file = tmp.resolve("a.csv");
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(file, HEADER)) {
            csv.append(List.of("cam \"1\", left", "0"));
        }
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(file, HEADER)) {
            assertEquals(List.of(List.of("cam \"1\", left", "0")), csv.rows());
            csv.append(List.of("cam2", "1"));
        }
        assertEquals("camera,sequence\r\n\"cam \"\"1\"\", left\",0\r\ncam2,1\r\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void shouldCutOffRowLeftHalfWrittenByACrash() throws Exception {
        Path file = tmp.resolve("b.csv");
        Files.writeString(file, "camera,sequence\r\ncam1,0\r\n\"cam\r\n1\",1\r\ncam1,2", StandardCharsets.UTF_8);
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(file, HEADER)) {
            assertEquals(List.of(List.of("cam1", "0"), List.of("cam\r\n1", "1")), csv.rows());
            csv.append(List.of("cam1", "2"));
        }
        assertEquals("camera,sequence\r\ncam1,0\r\n\"cam\r\n1\",1\r\ncam1,2\r\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void shouldAddNewColumnsToFileWithOlderHeaderKeepingItsRows() throws Exception {
        Path file = tmp.resolve("c.csv");
        Files.writeString(file, "camera\r\n\"cam,1\"\r\n'=cam2\r\ncam", StandardCharsets.UTF_8);
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(file, HEADER)) {
            assertEquals(List.of(List.of("cam,1", ""), List.of("'=cam2", "")), csv.rows());
            csv.append(List.of("cam3", "2"));
        }
        assertEquals("camera,sequence\r\n\"cam,1\",\r\n'=cam2,\r\ncam3,2\r\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void shouldLeaveFileWithOtherHeaderAsItIs() throws Exception {
        Path file = tmp.resolve("d.csv");
        Files.writeString(file, "id,sequence\r\ncam1,0\r\n", StandardCharsets.UTF_8);
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(file, HEADER)) {
            csv.append(List.of("cam1", "1"));
        }
        assertEquals("id,sequence\r\ncam1,0\r\ncam1,1\r\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void shouldGiveTextBackExactlyWhenItLooksLikeAFormulaOrStartsWithAnApostrophe() {
        for (String value : List.of("=1+1", "'quoted", "-cam", "plain", "")) {
            assertEquals(value, Csv.untext(Csv.text(value)));
        }
    }
}
