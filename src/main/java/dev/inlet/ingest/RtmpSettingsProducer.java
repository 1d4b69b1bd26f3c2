package dev.inlet.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import dev.inlet.hub.BackPressure;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * Reads {@link RtmpSettings} from MicroProfile Config. Keys (defaults in brackets):
 * {@code inlet.rtmp.host} [0.0.0.0], {@code inlet.rtmp.port} [1935],
 * {@code inlet.rtmp.handshake-timeout-seconds} [10], {@code inlet.rtmp.max-message-size} [16777216],
 * {@code inlet.rtmp.max-chunk-streams} [64], {@code inlet.rtmp.chunk-size} [4096],
 * {@code inlet.rtmp.max-write-queue-bytes} [8388608], {@code inlet.hub.gop-cache-max-bytes} [16777216],
 * {@code inlet.rtmp.worker-threads} [2 × cores, at least 4], {@code inlet.rtmp.publisher-read-timeout-seconds} [10],
 * {@code inlet.rtmp.idle-timeout-seconds} [30], {@code inlet.hub.max-backlog-bytes} [2097152],
 * {@code inlet.hub.max-lag-seconds} [10], {@code inlet.stream.reconnect-grace-seconds} [10],
 * {@code inlet.demo.key} [none].
 */
@ApplicationScoped
public class RtmpSettingsProducer {

    @Inject
    Config config;

    @Produces
    RtmpSettings settings() {
        RtmpSettings d = RtmpSettings.defaults();
        return new RtmpSettings(
                value("inlet.rtmp.host", String.class, d.host()),
                value("inlet.rtmp.port", Integer.class, d.port()),
                Duration.ofSeconds(value("inlet.rtmp.handshake-timeout-seconds", Long.class,
                        d.handshakeTimeout().toSeconds())),
                value("inlet.rtmp.max-message-size", Integer.class, d.maxMessageSize()),
                value("inlet.rtmp.max-chunk-streams", Integer.class, d.maxChunkStreams()),
                value("inlet.rtmp.chunk-size", Integer.class, d.outgoingChunkSize()),
                value("inlet.rtmp.max-write-queue-bytes", Integer.class, d.maxWriteQueueBytes()),
                value("inlet.hub.gop-cache-max-bytes", Long.class, d.gopCacheMaxBytes()),
                value("inlet.rtmp.worker-threads", Integer.class, d.workerThreads()),
                Duration.ofSeconds(value("inlet.rtmp.publisher-read-timeout-seconds", Long.class,
                        d.publisherReadTimeout().toSeconds())),
                Duration.ofSeconds(value("inlet.rtmp.idle-timeout-seconds", Long.class, d.idleTimeout().toSeconds())),
                new BackPressure(value("inlet.hub.max-backlog-bytes", Long.class, d.backPressure().maxBacklogBytes()),
                        Duration.ofSeconds(value("inlet.hub.max-lag-seconds", Long.class,
                                d.backPressure().maxLag().toSeconds()))),
                Duration.ofSeconds(value("inlet.stream.reconnect-grace-seconds", Long.class,
                        d.reconnectGrace().toSeconds())),
                config.getOptionalValue("inlet.demo.key", String.class).filter(k -> !k.isBlank()));
    }

    private <T> T value(String key, Class<T> type, T fallback) {
        return config.getOptionalValue(key, type).orElse(fallback);
    }
}
