package io.spikestream.sink.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldQuoteFieldsWhenTheyHoldSeparatorsQuotesOrLineBreaks() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\"x\r\ny\",plain\r\n",
                Csv.line(List.of("a", "b,c", "say \"hi\"", "x\r\ny", "plain")));
    }

    @Test
    void shouldPrefixApostropheWhenTextLooksLikeAFormula() {
        assertEquals("'=HYPERLINK(1)", Csv.text("=HYPERLINK(1)"));
        assertEquals("'@x", Csv.text("@x"));
        assertEquals("cam-1", Csv.text("cam-1"));
    }
}
