package io.msgkey.recorder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.tencent.UserSig;

/** The simulated admin API checks UserSigs as Tencent does, and accepts only those made with the demo's public key. */
class SimulatedUserSigTest {

    private static final long APP = 1400000000L;
    private static final long NOW = 1_800_000_000L;

    @Test
    void aUserSigMadeWithTheDemoKeyIsAccepted() {
        String userSig = UserSig.generate(APP, Demo.SECRET_KEY, "administrator", NOW - 60, 86400);

        assertThat(SimulatedUserSig.refusal(userSig, APP, "administrator", NOW)).isEmpty();
    }

    @Test
    void aUserSigMadeWithARealKeyIsRefused() {
        String userSig = UserSig.generate(APP, "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
                "administrator", NOW - 60, 86400);

        assertThat(SimulatedUserSig.refusal(userSig, APP, "administrator", NOW)).hasValueSatisfying(reply -> {
            assertThat(reply.errorCode()).isEqualTo(70009);
            assertThat(reply.actionStatus()).isEqualTo("FAIL");
        });
    }

    @Test
    void expiredForeignAndUnreadableUserSigsAreRefused() {
        assertThat(SimulatedUserSig.refusal(UserSig.generate(APP, Demo.SECRET_KEY, "administrator", NOW - 200, 100),
                APP, "administrator", NOW)).map(SimulatedReply::errorCode).hasValue(70001);
        assertThat(SimulatedUserSig.refusal(UserSig.generate(APP, Demo.SECRET_KEY, "someone", NOW, 100), APP,
                "administrator", NOW)).map(SimulatedReply::errorCode).hasValue(70013);
        assertThat(SimulatedUserSig.refusal("not-a-usersig", APP, "administrator", NOW))
                .map(SimulatedReply::errorCode).hasValue(70003);
        assertThat(SimulatedUserSig.refusal(null, APP, "administrator", NOW)).map(SimulatedReply::errorCode)
                .hasValue(70003);
    }
}
