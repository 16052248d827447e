package io.msgkey.recorder.subject;

/** Why a data subject's records are erased (required) and under which request (reference, optional). */
public record ErasureRequest(String reason, String reference) {
}
