package io.msgkey.recorder.common;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A paged listing downloaded whole as CSV: the header, then every page's rows, each page fetched as the previous one is
 * written, so an export of any size streams in bounded memory.
 */
public final class CsvExport {

    /** Rows fetched per page. */
    public static final int PAGE_SIZE = 1000;

    private CsvExport() {
    }

    /**
     * @param pages the page after a cursor (null for the first), of {@link #PAGE_SIZE} rows
     * @param row one item's cells, in the header's order
     */
    public static <T> RestResponse<StreamingOutput> download(String filename, List<String> header,
            Function<String, ? extends CursorPage<T>> pages, Function<T, Object[]> row) {
        StreamingOutput csv = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            Csv.row(out, header.toArray());
            String cursor = null;
            do {
                CursorPage<T> page = pages.apply(cursor);
                for (T item : page.items()) {
                    Csv.row(out, row.apply(item));
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            out.flush();
        };
        return RestResponse.ResponseBuilder.ok(csv, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
