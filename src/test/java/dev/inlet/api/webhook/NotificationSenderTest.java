package dev.inlet.api.webhook;

import dev.inlet.api.webhook.HookReceiver.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String BODY = "{\"event\":\"on_stop\",\"stream\":\"demo\"}";

    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private HookReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }

    @Test
    void retriesAfterTwoFailuresWithTheSameDeliveryIdAndFreshSignatures() throws Exception {
        receiver = HookReceiver.answering(r -> r.index() < 2 ? Answer.of(503, "busy") : Answer.of(200, "ok"));
        var delivery = sender(3, Duration.ofMillis(50), 10).send(receiver.url("/stop"), "on_stop", BODY)
                .get(10, TimeUnit.SECONDS);

        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received()).extracting(r -> r.header(WebhookClient.DELIVERY_HEADER)).containsOnly(
                receiver.received().get(0).header(WebhookClient.DELIVERY_HEADER));
        WebhookSigner signer = new WebhookSigner("s");
        assertThat(receiver.received()).allSatisfy(r -> {
            assertThat(r.text()).isEqualTo(BODY);
            assertThat(r.header(WebhookClient.EVENT_HEADER)).isEqualTo("on_stop");
            assertThat(signer.verify(r.header(WebhookSigner.TIMESTAMP_HEADER), r.header(WebhookSigner.SIGNATURE_HEADER),
                    r.body(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        });
    }

    @Test
    void givesUpAfterTheConfiguredRetries() throws Exception {
        receiver = HookReceiver.answering(r -> Answer.of(500, null));
        var delivery = sender(2, Duration.ofMillis(20), 10).send(receiver.url("/x"), "on_play", BODY).get(10, TimeUnit.SECONDS);
        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatus()).isEqualTo(500);
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void aClientErrorIsFinal() throws Exception {
        receiver = HookReceiver.answering(r -> Answer.of(400, "bad"));
        var delivery = sender(3, Duration.ofMillis(20), 10).send(receiver.url("/x"), "on_play", BODY).get(10, TimeUnit.SECONDS);
        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void sendNeverWaitsForTheReceiverAndPendingDeliveriesAreBounded() throws Exception {
        receiver = HookReceiver.answering(r -> new Answer(200, null, 3_000));
        NotificationSender sender = sender(0, Duration.ofMillis(20), 2);

        long started = System.nanoTime();
        var first = sender.send(receiver.url("/x"), "on_play", BODY);
        var second = sender.send(receiver.url("/x"), "on_play", BODY);
        var third = sender.send(receiver.url("/x"), "on_play", BODY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(third.get(1, TimeUnit.SECONDS).delivered()).isFalse();
        assertThat(third.get().failure()).contains("too many pending");
        assertThat(sender.pending()).isEqualTo(2);
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        receiver = HookReceiver.answering(r -> r.index() == 0 ? new Answer(200, null, 5_000) : Answer.of(200, null));
        WebhookClient client = new WebhookClient(WebhookClient.httpClient(TIMEOUT, httpExecutor), new WebhookSigner("s"),
                Duration.ofMillis(300), Clock.systemUTC());
        var delivery = new NotificationSender(client, scheduler, 1, Duration.ofMillis(20), 10)
                .send(receiver.url("/x"), "on_unpublish", BODY).get(10, TimeUnit.SECONDS);
        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(2);
    }

    @Test
    void backoffDoublesAndIsCapped() {
        NotificationSender sender = sender(10, Duration.ofMillis(500), 1);
        assertThat(sender.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(sender.backoff(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(sender.backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(sender.backoff(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(NotificationSender.isRetryable(503)).isTrue();
        assertThat(NotificationSender.isRetryable(429)).isTrue();
        assertThat(NotificationSender.isRetryable(404)).isFalse();
    }

    private NotificationSender sender(int retries, Duration backoff, int maxPending) {
        WebhookClient client = new WebhookClient(WebhookClient.httpClient(TIMEOUT, httpExecutor), new WebhookSigner("s"),
                TIMEOUT, Clock.systemUTC());
        return new NotificationSender(client, scheduler, retries, backoff, maxPending);
    }
}
