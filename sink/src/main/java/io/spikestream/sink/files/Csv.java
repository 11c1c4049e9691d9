package io.spikestream.sink.files;

import java.util.List;

/**
 * RFC 4180 CSV lines: fields separated by commas, lines ended by CRLF, and a field that contains a comma,
 * double quote, CR or LF enclosed in double quotes with inner quotes doubled.
 *
 * <p>Text fields that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) get a
 * leading apostrophe ({@link #text(String)}), as OWASP advises against CSV injection; numbers are written
 * unchanged.
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
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + value : value;
    }
}
