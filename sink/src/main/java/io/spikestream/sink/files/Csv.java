package io.spikestream.sink.files;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV lines: fields separated by commas, lines ended by CRLF, and a field that contains a comma,
 * double quote, CR or LF enclosed in double quotes with inner quotes doubled.
 *
 * <p>Text fields that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) get a
 * leading apostrophe ({@link #text(String)}), as OWASP advises against CSV injection, and so does a text
 * that starts with an apostrophe, so that {@link #untext(String)} gives the value back exactly; numbers are
 * written unchanged.
 */
public final class Csv {

    /** Line terminator required by RFC 4180. */
    public static final String CRLF = "\r\n";

    private Csv() {
    }

    /** The fields joined into one line, quoted where needed, with the trailing CRLF. */
    public static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(fields.get(i)));
        }
        return line.append(CRLF).toString();
    }

    /** One field, enclosed in quotes when it holds a comma, quote, CR or LF. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0
                && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** A text value made safe against formula injection (see the class comment). */
    public static String text(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return needsApostrophe(value.charAt(0)) ? "'" + value : value;
    }

    /** The value {@link #text(String)} was given: one leading apostrophe removed. */
    public static String untext(String field) {
        return field.startsWith("'") ? field.substring(1) : field;
    }

    /**
     * The complete records of CSV text: a record ends at CRLF or LF outside quotes; text after the last such
     * end (a record cut short, e.g. by a crash while it was written) is not a record.
     *
     * @param text the CSV text
     * @return the records and where the last complete one ends
     */
    public static Records records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int end = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                i += c == '\r' ? 1 : 0;
                fields.add(field.toString());
                field.setLength(0);
                records.add(List.copyOf(fields));
                fields.clear();
                end = i + 1;
            } else {
                field.append(c);
            }
        }
        return new Records(records, end);
    }

    /**
     * Records read by {@link #records(String)}.
     *
     * @param records the complete records, each a list of fields
     * @param end the index just after the last complete record (the text's length when nothing was cut)
     */
    public record Records(List<List<String>> records, int end) {
    }

    private static boolean needsApostrophe(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\'';
    }
}
