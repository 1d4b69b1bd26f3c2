package dev.inlet.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.api.webhook.HookReceiver.Answer;
import dev.inlet.core.PlayAttempt;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** on_play decides: it is asked before a reader of any protocol is admitted. */
class PlayHookTest {

    private static final PlayAttempt ATTEMPT = new PlayAttempt("http-flv", "demo", "http-1", "127.0.0.1:50001",
            "http-flv", "mpegts.js", true);

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private HookReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        executor.shutdownNow();
    }

    @Test
    void a2xxAllowsAndTheReceiverSeesWhoAsksOverWhichProtocol() throws Exception {
        receiver = HookReceiver.answering(r -> Answer.of(200, "ok"));

        assertThat(decide(hook(receiver.url("/play"), Duration.ofSeconds(2), false))).isEmpty();

        HookReceiver.Received request = receiver.received().get(0);
        assertThat(request.header(WebhookClient.EVENT_HEADER)).isEqualTo("on_play");
        assertThat(request.text()).contains("\"event\":\"on_play\"", "\"stream\":\"demo\"", "\"sessionId\":\"http-1\"",
                "\"remoteAddress\":\"127.0.0.1:50001\"", "\"protocol\":\"http-flv\"", "\"tokenPresented\":true");
    }

    @Test
    void anyOtherStatusDeniesWithTheReceiversReason() throws Exception {
        receiver = HookReceiver.answering(r -> r.index() == 0
                ? Answer.of(403, "{\"reason\":\"geo-blocked\"}") : Answer.of(500, null));
        PlayHook hook = hook(receiver.url("/play"), Duration.ofSeconds(2), true);

        assertThat(decide(hook)).contains("geo-blocked");
        assertThat(decide(hook)).contains("play refused by the on_play hook (HTTP 500)");
    }

    @Test
    void anUnreachableReceiverFailsClosedOrOpenAsConfigured() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/p");

        assertThat(decide(hook(nowhere, Duration.ofSeconds(2), false))).contains(PlayHook.UNAVAILABLE);
        assertThat(decide(hook(nowhere, Duration.ofSeconds(2), true))).isEmpty();
    }

    /** The hook as the stream core asks it. */
    private static java.util.Optional<String> decide(PlayHook hook) throws Exception {
        return hook.authorizer().authorize(ATTEMPT).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private PlayHook hook(URI url, Duration timeout, boolean failOpen) {
        WebhookClient client = new WebhookClient(WebhookClient.httpClient(timeout, executor), null, timeout,
                Clock.systemUTC());
        return new PlayHook(url, client, failOpen, Clock.systemUTC());
    }
}
