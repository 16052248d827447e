package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.tencent.TencentAdminApi.GroupRecallRequest;

class GroupRecallRequestTest {

    @Test
    void aReasonWithinTencentsHundredBytesIsSentAsItIs() {
        assertThat(GroupRecallRequest.of("@TGS#a", "", List.of(1L), "spam").reason()).isEqualTo("spam");
        assertThat(GroupRecallRequest.of("@TGS#a", "", List.of(1L), null).reason()).isNull();
    }

    @Test
    void aLongerReasonIsCutToHundredBytesNeverInsideACharacter() {
        // 3 bytes each in UTF-8: 33 fit in 99 bytes, the 34th would make 102
        String chinese = "撤".repeat(40);
        String cut = GroupRecallRequest.of("@TGS#a", "", List.of(1L), chinese).reason();
        assertThat(cut).isEqualTo("撤".repeat(33));
        // a 4-byte emoji (two chars) is never split in half
        String emoji = "a".repeat(98) + "😀";
        assertThat(GroupRecallRequest.capped(emoji)).isEqualTo("a".repeat(98));
        assertThat(GroupRecallRequest.capped("b".repeat(150)).getBytes(StandardCharsets.UTF_8)).hasSize(100);
    }

    @Test
    void topicIdIsLeftOutOutsideTopicsAndTenIsTheMost() {
        assertThat(GroupRecallRequest.of("@TGS#a", "", List.of(1L), "spam").topicId()).isNull();
        assertThat(GroupRecallRequest.of("@TGS#a", "@TOPIC#t", List.of(1L), "spam").topicId()).isEqualTo("@TOPIC#t");
        List<Long> eleven = LongStream.rangeClosed(1, 11).boxed().toList();
        assertThatThrownBy(() -> GroupRecallRequest.of("@TGS#a", "", eleven, "spam"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GroupRecallRequest.of("@TGS#a", "", eleven.subList(0, 10), "spam").msgSeqList()).hasSize(10);
    }
}
