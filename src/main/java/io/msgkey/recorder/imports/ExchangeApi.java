package io.msgkey.recorder.imports;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Tencent REST APIs whose exchanges the record imports: both send one-to-one messages from the app's server. */
enum ExchangeApi {
    /** One recipient; the reply carries MsgKey and MsgTime. */
    SENDMSG("v4/openim/sendmsg"),
    /** Up to 500 recipients sharing one MsgKey; the reply carries no MsgTime, and lists failed recipients. */
    BATCHSENDMSG("v4/openim/batchsendmsg");

    private final String path;

    ExchangeApi(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static Optional<ExchangeApi> of(String path) {
        return Arrays.stream(values()).filter(api -> api.path.equals(path)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(ExchangeApi::path).collect(Collectors.joining(" or "));
    }
}
