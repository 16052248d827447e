package io.msgkey.recorder.common;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 rows for evidence exports, every cell quoted. Account names are chosen by chat users and these files are
 * opened by compliance staff in spreadsheets, which run a cell starting with = + - or @ (or their full-width forms) as
 * a formula. A spreadsheet set to another separator splits a quoted cell again at that separator ({@code abc;=1+2}
 * becomes {@code abc} and {@code =1+2} where {@code ;} separates), so a formula start is defused wherever a field can
 * begin: at the start of the cell and after every comma, semicolon (half- or full-width), tab, line break or other
 * control character, past any whitespace. Defused means an apostrophe before the sign, which spreadsheets read as
 * "text".
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /** For endpoints that also answer JSON: a client that accepts anything gets JSON. */
    public static final String MEDIA_TYPE_SECOND_CHOICE = "text/csv;qs=0.5";
    private static final String FORMULA_SIGNS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

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
            return "\"\"";
        }
        String text = value.toString();
        String defused = value instanceof Number ? text : defuse(text);
        return '"' + defused.replace("\"", "\"\"") + '"';
    }

    private static String defuse(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSeparator(c)) {
                fieldStart = true;
            } else if (fieldStart && FORMULA_SIGNS.indexOf(c) >= 0) {
                out.append('\'');
                fieldStart = false;
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                fieldStart = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == '\uFF0C' || c == '\uFF1B' || Character.isISOControl(c) || c == '\u2028'
                || c == '\u2029';
    }
}
