package io.msgkey.recorder.common;

/** The {@code limit} query parameter of paged endpoints. */
public final class PageLimit {

    public static final int DEFAULT = 100;
    public static final int MAX = 1000;

    private PageLimit() {
    }

    public static int parse(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw ApiException.badParameter("limit", "limit must be a whole number from 1 to " + MAX);
    }
}
