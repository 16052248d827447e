package io.msgkey.recorder.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The columns of a table that hold stored values, for copying rows between partitions. */
public final class StoredColumns {

    /** A generated column (message.delivered) cannot be written, and is computed again on the copy. */
    private static final String COLUMNS = """
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
            WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''""";

    private StoredColumns() {
    }

    /** The column list, comma-separated and quoted as needed. */
    public static String of(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
