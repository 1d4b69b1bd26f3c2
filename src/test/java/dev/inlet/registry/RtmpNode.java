package dev.inlet.registry;

import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.rtmp.client.RtmpClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/** One Inlet node in the test JVM: the real RTMP server on an ephemeral port with its own database registry. */
final class RtmpNode implements AutoCloseable {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    final DatabaseRegistry registry;
    final RtmpServer server;

    RtmpNode(DataSource dataSource, RegistrySettings registrySettings, Duration publisherReadTimeout) {
        this(dataSource, registrySettings, publisherReadTimeout, Clock.systemUTC());
    }

    /** A node whose registry reads lease times from {@code clock}. */
    RtmpNode(DataSource dataSource, RegistrySettings registrySettings, Duration publisherReadTimeout, Clock clock) {
        registry = new DatabaseRegistry(dataSource, registrySettings, Executors.defaultThreadFactory(), clock,
                DatabaseSetup.schema());
        registry.start();
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withTimeouts(publisherReadTimeout, Duration.ofSeconds(30)), registry, Executors.defaultThreadFactory());
        server.start();
    }

    RtmpClient client() throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", CLIENT_TIMEOUT);
    }

    RtmpClient client(java.util.function.Consumer<dev.inlet.rtmp.RtmpMessage> media) throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", CLIENT_TIMEOUT, media);
    }

    /** Stops like a crashed process: no heartbeat, no release, the transport gone. */
    void crash() {
        registry.stopWithoutReleasing();
        server.stop();
    }

    @Override
    public void close() {
        server.stop();
        registry.close();
    }
}
