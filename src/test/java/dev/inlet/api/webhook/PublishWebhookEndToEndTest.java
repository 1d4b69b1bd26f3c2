package dev.inlet.api.webhook;

import dev.inlet.api.webhook.HookReceiver.Answer;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The real RTMP engine on loopback asks a local on_publish receiver; the project's client is the encoder. */
class PublishWebhookEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String SECRET = "e2e-secret";

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String refusedKey = StreamKeys.generate();
    private final String allowedKey = StreamKeys.generate();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private RtmpServer server;
    private HookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        registry.register("suspended", refusedKey);
        registry.register("demo", allowedKey);
        receiver = HookReceiver.answering(request -> request.text().contains("\"stream\":\"suspended\"")
                ? Answer.of(403, "{\"reason\":\"stream suspended: invoice overdue\"}")
                : Answer.of(204, null));
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        WebhookClient client = new WebhookClient(WebhookClient.httpClient(TIMEOUT, workers), new WebhookSigner(SECRET),
                Duration.ofSeconds(2), Clock.systemUTC());
        server.setPublishAuthorizer(new PublishHook(receiver.url("/on_publish"), client, false, Clock.systemUTC())
                .authorizer(workers));
    }

    @AfterEach
    void stop() {
        server.stop();
        receiver.close();
        workers.shutdownNow();
    }

    @Test
    void theEncoderReceivesBadNameWithTheHooksReasonAndAnAllowedKeyPublishes() throws Exception {
        try (RtmpClient publisher = RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, null)) {
            RtmpStatus status = publisher.publish(publisher.createStream(), "live/" + refusedKey);
            assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            assertThat(status.isError()).isTrue();
            assertThat(status.description()).isEqualTo("stream suspended: invoice overdue");
            assertThat(publisher.awaitServerClose(TIMEOUT)).isTrue();
        }
        assertThat(server.isLive("suspended")).isFalse();

        try (RtmpClient publisher = RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, null)) {
            assertThat(publisher.publish(publisher.createStream(), allowedKey).code()).isEqualTo(NetStatus.PUBLISH_START);
        }

        assertThat(receiver.received()).hasSize(2);
        HookReceiver.Received asked = receiver.received().get(0);
        assertThat(asked.text()).contains("\"stream\":\"suspended\"").doesNotContain(refusedKey);
        assertThat(new WebhookSigner(SECRET).verify(asked.header(WebhookSigner.TIMESTAMP_HEADER),
                asked.header(WebhookSigner.SIGNATURE_HEADER), asked.body(), Instant.now(), Duration.ofMinutes(5))).isTrue();
    }
}
