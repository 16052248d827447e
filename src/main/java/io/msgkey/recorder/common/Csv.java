package io.msgkey.recorder.common;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 rows for evidence exports. Cells that a spreadsheet would run as a formula (starting with = + - @ or a
 * control character) get a leading apostrophe: account names are chosen by chat users, and these files are opened by
 * compliance staff.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /** For endpoints that also answer JSON: a client that accepts anything gets JSON. */
    public static final String MEDIA_TYPE_SECOND_CHOICE = "text/csv;qs=0.5";

    private Csv() {
    }

    public static void row(Writer out, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || text.startsWith(" ") || text.endsWith(" ")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
