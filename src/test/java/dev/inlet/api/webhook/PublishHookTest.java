package dev.inlet.api.webhook;

import dev.inlet.api.webhook.HookReceiver.Answer;
import dev.inlet.core.PublishAttempt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class PublishHookTest {

    private static final String SECRET = "hook-secret";
    private static final PublishAttempt ATTEMPT = new PublishAttempt("demo", 1, "Xq3abc", "127.0.0.1:50000", "live",
            "rtmp://127.0.0.1/live", "FMLE/3.0");

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
    void a2xxAnswerAllowsAndTheRequestIsSignedJson() throws Exception {
        receiver = HookReceiver.answering(r -> Answer.of(204, null));
        Instant before = Instant.now();

        assertThat(hook(receiver.url("/hooks/publish"), Duration.ofSeconds(2), false).decide(ATTEMPT)).isEmpty();

        HookReceiver.Received request = receiver.received().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header(WebhookClient.EVENT_HEADER)).isEqualTo("on_publish");
        assertThat(request.header(WebhookClient.DELIVERY_HEADER)).isNotBlank();
        assertThat(request.text()).contains("\"event\":\"on_publish\"", "\"stream\":\"demo\"", "\"priority\":1",
                "\"keyPrefix\":\"Xq3abc\"", "\"remoteAddress\":\"127.0.0.1:50000\"");
        long timestamp = Long.parseLong(request.header(WebhookSigner.TIMESTAMP_HEADER));
        assertThat(timestamp).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        String signed = timestamp + "." + request.text();
        assertThat(request.header(WebhookSigner.SIGNATURE_HEADER)).isEqualTo("sha256=" + HmacReference.hex(
                SECRET.getBytes(StandardCharsets.UTF_8), signed.getBytes(StandardCharsets.UTF_8)));
        assertThat(new WebhookSigner(SECRET).verify(request.header(WebhookSigner.TIMESTAMP_HEADER),
                request.header(WebhookSigner.SIGNATURE_HEADER), request.body(), Instant.now(), Duration.ofMinutes(5)))
                .isTrue();
    }

    @Test
    void aRefusalCarriesTheReceiversReason() throws Exception {
        receiver = HookReceiver.answering(r -> switch (r.index()) {
            case 0 -> Answer.of(403, "{\"reason\":\"stream key suspended by billing\",\"code\":7}");
            case 1 -> Answer.of(401, "not on the schedule\nsecond line ignored");
            case 2 -> Answer.of(403, null);
            default -> Answer.of(302, "");
        });
        PublishHook hook = hook(receiver.url("/p"), Duration.ofSeconds(2), true);

        assertThat(hook.decide(ATTEMPT)).contains("stream key suspended by billing");
        assertThat(hook.decide(ATTEMPT)).contains("not on the schedule");
        assertThat(hook.decide(ATTEMPT)).contains("publish refused by the on_publish hook (HTTP 403)");
        assertThat(hook.decide(ATTEMPT)).as("a redirect is not followed and not a yes")
                .contains("publish refused by the on_publish hook (HTTP 302)");
    }

    @Test
    void reasonsAreCutToOneShortPrintableLine() {
        String reason = PublishHook.reasonOf(new WebhookResponse(403, "{\"reason\":\"a\\u0007b" + "x".repeat(500) + "\"}"));
        assertThat(reason).startsWith("abx").hasSize(PublishHook.MAX_REASON_CHARS);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeFailsClosedOrOpenAsConfigured() throws Exception {
        receiver = HookReceiver.answering(r -> new Answer(204, null, 5_000));
        Duration timeout = Duration.ofMillis(300);

        long started = System.nanoTime();
        assertThat(hook(receiver.url("/slow"), timeout, false).decide(ATTEMPT)).contains(PublishHook.UNAVAILABLE);
        assertThat(hook(receiver.url("/slow"), timeout, true).decide(ATTEMPT)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnreachableReceiverFailsClosedOrOpenAsConfigured() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/p");
        assertThat(hook(nowhere, Duration.ofSeconds(2), false).decide(ATTEMPT)).contains(PublishHook.UNAVAILABLE);
        assertThat(hook(nowhere, Duration.ofSeconds(2), true).decide(ATTEMPT)).isEmpty();
    }

    @Test
    void theAuthorizerRunsOnTheGivenExecutorAndAnswersAsync() throws Exception {
        receiver = HookReceiver.answering(r -> Answer.of(403, "{\"reason\":\"no\"}"));
        String caller = Thread.currentThread().getName();
        var stage = hook(receiver.url("/p"), Duration.ofSeconds(2), false).authorizer(command -> executor.execute(() -> {
            assertThat(Thread.currentThread().getName()).isNotEqualTo(caller);
            command.run();
        })).authorize(ATTEMPT);
        assertThat(stage.toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Optional.of("no"));
    }

    private PublishHook hook(URI url, Duration timeout, boolean failOpen) {
        WebhookClient client = new WebhookClient(WebhookClient.httpClient(timeout, executor), new WebhookSigner(SECRET),
                timeout, Clock.systemUTC());
        return new PublishHook(url, client, failOpen, Clock.systemUTC());
    }
}
