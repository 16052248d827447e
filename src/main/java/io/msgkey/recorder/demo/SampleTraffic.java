package io.msgkey.recorder.demo;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A batch of realistic one-to-one traffic, posted as Tencent would post it: a sample abuser sending the same spam to
 * sixty users over the last two hours (and one message Tencent's filter stopped), a few ordinary conversations, and one
 * message its sender recalled. Every batch has fresh MsgKeys, so posting again adds traffic.
 */
@ApplicationScoped
class SampleTraffic {

    private static final String[][] CONVERSATIONS = { { "mei.chen", "jun.li" }, { "ana.souza", "omar.haddad" } };
    private static final int CONVERSATION_MESSAGES = 20;
    private static final int VICTIMS = 60;
    /** Messages posted at once: enough to be quick, few enough not to crowd out real traffic. */
    private static final int PARALLEL = 32;

    private final CallbackPoster poster;
    private final SimulatedTencent tencent;
    private final DemoConfig demo;
    private final ObjectMapper mapper;
    private final Clock clock;

    SampleTraffic(CallbackPoster poster, SimulatedTencent tencent, DemoConfig demo, ObjectMapper mapper, Clock clock) {
        this.poster = poster;
        this.tencent = tencent;
        this.demo = demo;
        this.mapper = mapper;
        this.clock = clock;
    }

    SampleTrafficReport post(URI service) throws InterruptedException {
        Batch batch = new Batch(clock.instant());
        String abuser = demo.sampleAbuser();
        int spam = demo.sampleAbuserMessages();
        for (int i = 0; i < spam; i++) {
            String victim = "user-" + (1001 + i % VICTIMS);
            batch.delivered(abuser, victim, 7200 - 7200L * i / spam, "Android", "You won a prize! Claim it now");
        }
        ObjectNode filtered = batch.message(abuser, "user-1001", 30, "Android", "sensitive content");
        batch.add(filtered.put("SendMsgResult", 80001).put("ErrorInfo", "sensitive content").put("UnreadMsgNum", -1),
                "Android");
        tencent.failedToDeliver(abuser, "user-1001", filtered.get("MsgKey").asText());
        for (String[] pair : CONVERSATIONS) {
            for (int i = 0; i < CONVERSATION_MESSAGES; i++) {
                batch.delivered(pair[i % 2], pair[(i + 1) % 2], 5400 - 240L * i, "iOS", "see you at six");
            }
        }
        ObjectNode regretted = batch.delivered("jun.li", "mei.chen", 600, "Web", "sorry, wrong chat");
        batch.add(mapper.createObjectNode().put("CallbackCommand", "C2C.CallbackAfterMsgWithDraw")
                .put("From_Account", "jun.li").put("To_Account", "mei.chen")
                .put("MsgKey", regretted.get("MsgKey").asText()).put("UnreadMsgNum", 0), "Web");
        int acknowledged = batch.postAll(service);
        return new SampleTrafficReport(batch.size(), acknowledged, abuser, spam, 1,
                CONVERSATIONS.length * CONVERSATION_MESSAGES + 1, 1);
    }

    /** The callbacks of one batch, grouped per message so that a message's own callbacks arrive in order. */
    private final class Batch {

        private final Instant now;
        private final List<List<Callback>> messages = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();

        Batch(Instant now) {
            this.now = now;
        }

        /** A message sent and delivered: Tencent's before-send and after-send callbacks for it. */
        ObjectNode delivered(String from, String to, long secondsAgo, String platform, String text) {
            ObjectNode before = message(from, to, secondsAgo, platform, text).put("CallbackCommand",
                    "C2C.CallbackBeforeSendMsg");
            ObjectNode after = before.deepCopy().put("CallbackCommand", "C2C.CallbackAfterSendMsg")
                    .put("SendMsgResult", 0).put("ErrorInfo", "send msg succeed")
                    .put("UnreadMsgNum", ThreadLocalRandom.current().nextInt(1, 30));
            messages.add(new ArrayList<>(List.of(new Callback(before, platform), new Callback(after, platform))));
            return after;
        }

        ObjectNode message(String from, String to, long secondsAgo, String platform, String text) {
            long seq = sequences.compute(from, (account, last) -> last == null
                    ? ThreadLocalRandom.current().nextLong(1000, 60000)
                    : last + 1);
            long random = ThreadLocalRandom.current().nextLong(1L << 32);
            long time = now.getEpochSecond() - secondsAgo;
            ObjectNode body = mapper.createObjectNode().put("CallbackCommand", "C2C.CallbackAfterSendMsg")
                    .put("From_Account", from).put("To_Account", to).put("MsgSeq", seq).put("MsgRandom", random)
                    .put("MsgTime", time).put("MsgKey", seq + "_" + random + "_" + time).put("OnlineOnlyFlag", 0);
            body.putArray("MsgBody").addObject().put("MsgType", "TIMTextElem").putObject("MsgContent").put("Text", text);
            return body;
        }

        /** Adds a callback to the last message (an after-send of its own, or the recall of the one before). */
        void add(ObjectNode callback, String platform) {
            if ("C2C.CallbackAfterMsgWithDraw".equals(callback.get("CallbackCommand").asText())) {
                messages.getLast().add(new Callback(callback, platform));
            } else {
                messages.add(new ArrayList<>(List.of(new Callback(callback, platform))));
            }
        }

        int size() {
            return messages.stream().mapToInt(List::size).sum();
        }

        int postAll(URI service) throws InterruptedException {
            Semaphore slots = new Semaphore(PARALLEL);
            List<Future<Integer>> posted = new ArrayList<>();
            try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
                for (List<Callback> message : messages) {
                    slots.acquire();
                    posted.add(posters.submit(() -> {
                        try {
                            int acknowledged = 0;
                            for (Callback callback : message) {
                                acknowledged += poster.post(service, callback.body(), callback.platform()).join() ? 1
                                        : 0;
                            }
                            return acknowledged;
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            return posted.stream().mapToInt(Future::resultNow).sum();
        }
    }

    private record Callback(ObjectNode body, String platform) {
    }
}
