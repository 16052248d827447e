package io.msgkey.recorder.tencent;

/**
 * A Tencent call that did not succeed. {@code code} is Tencent's ErrorCode, or the HTTP status when the failure came
 * from the HTTP layer, or null for a network error; {@code info} says what happened in words an operator can act on.
 */
public class TencentFailure extends RuntimeException {

    private final TencentError error;
    private final Integer code;

    public TencentFailure(TencentError error, Integer code, String info) {
        super(info, null, false, false);
        this.error = error;
        this.code = code;
    }

    public TencentError error() {
        return error;
    }

    public Integer code() {
        return code;
    }

    public String info() {
        return getMessage();
    }
}
