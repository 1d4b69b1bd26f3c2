package dev.inlet.ingest;

import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;

import dev.inlet.core.CoreSettings;
import dev.inlet.ingest.srt.SrtSettings;
import dev.inlet.core.PublishBlocking;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.session.SessionSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import dev.inlet.hub.BackPressure;
import org.eclipse.microprofile.config.Config;

import dev.inlet.rtmp.transport.WriteMerging;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@link RtmpSettings} from MicroProfile Config. Keys (defaults in brackets):
 * {@code inlet.rtmp.host} [0.0.0.0], {@code inlet.rtmp.port} [1935],
 * {@code inlet.rtmp.handshake-timeout-seconds} [10], {@code inlet.rtmp.max-message-size} [16777216],
 * {@code inlet.rtmp.max-chunk-streams} [64], {@code inlet.rtmp.max-partial-bytes-per-connection} [32 MiB],
 * {@code inlet.rtmp.max-partial-bytes} [0: a quarter of the heap], {@code inlet.rtmp.chunk-size} [4096],
 * {@code inlet.rtmp.max-write-queue-bytes} [8388608], {@code inlet.hub.gop-cache-max-bytes} [16777216],
 * {@code inlet.rtmp.worker-threads} [2 × cores, at least 4], {@code inlet.rtmp.publisher-read-timeout-seconds} [10],
 * {@code inlet.rtmp.idle-timeout-seconds} [30], {@code inlet.hub.max-backlog-bytes} [2097152],
 * {@code inlet.hub.max-lag-seconds} [10], {@code inlet.stream.reconnect-grace-seconds} [10],
 * {@code inlet.play.max-players-per-stream} [2000], {@code inlet.play.max-players} [10000],
 * {@code inlet.play.write-merge-ms} [15, 0 = write every message at once], {@code inlet.play.flusher-threads} [cores],
 * {@code inlet.play.write-merge-from-messages-per-second} [1000 per flusher thread, 0 = merge always],
 * {@code inlet.demo.key} [none], {@code inlet.rtmp.max-chunk-size} [16777216], {@code inlet.rtmp.max-connections} [5000],
 * {@code inlet.rtmp.max-connections-per-ip} [1000], {@code inlet.rtmp.player-ack-timeout-seconds} [30],
 * {@code inlet.rtmp.max-commands-per-second} [20], {@code inlet.rtmp.max-command-burst} [40],
 * {@code inlet.rtmp.publish-failures-before-block} [10], {@code inlet.rtmp.publish-failure-window-seconds} [60],
 * {@code inlet.rtmp.publish-block-seconds} [60], {@code inlet.rtmp.publish-block-max-seconds} [3600],
 * {@code inlet.rtmps.enabled} [false], {@code inlet.rtmps.port} [1936], {@code inlet.rtmps.keystore} [none],
 * {@code inlet.rtmps.keystore-password} [none], {@code inlet.rtmps.keystore-type} [PKCS12],
 * {@code inlet.play.token-secret} [random per start: set it, the same on every node, for play tokens that hold
 * across restarts and nodes], {@code inlet.srt.enabled} [true, where libsrt is installed], {@code inlet.srt.host}
 * [inlet.rtmp.host], {@code inlet.srt.port} [8890], {@code inlet.srt.latency-ms} [120],
 * {@code inlet.srt.passphrase} [none; 10 to 79 characters].
 */
@ApplicationScoped
public class RtmpSettingsProducer {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RtmpSettingsProducer.class.getName());

    @Inject
    Config config;

    private PlayTokens playTokens;

    /** One signer for the application: a random secret must be the same for every bean that checks tokens. */
    @Produces
    synchronized PlayTokens playTokens() {
        if (playTokens == null) {
            Optional<String> configured = config.getOptionalValue("inlet.play.token-secret", String.class)
                    .filter(secret -> !secret.isBlank());
            if (configured.isEmpty()) {
                LOG.info("play tokens are signed with a random secret: they stop working when the server restarts and"
                        + " hold on this node only (set inlet.play.token-secret, the same on every node)");
            }
            byte[] secret = configured.map(PlayTokenSecret::of).orElseGet(PlayTokenSecret::random);
            playTokens = new PlayTokens(secret, java.time.Clock.systemUTC());
        }
        return playTokens;
    }

    /**
     * The only place settings are read: each group from its keys, falling back to that group's own defaults,
     * and validated by the group's constructor, so a bad value fails the deployment with its reason.
     */
    @Produces
    RtmpSettings settings() {
        return new RtmpSettings(listener(RtmpSettings.Listener.defaults()), chunks(ChunkLimits.defaults()),
                session(SessionSettings.defaults()), streams(CoreSettings.defaults()), rtmps(),
                writeMerging(WriteMerging.defaults()), config.getOptionalValue("inlet.demo.key", String.class));
    }

    /** SRT ingest's settings, validated by {@link SrtSettings}; it binds the RTMP host unless told otherwise. */
    @Produces
    SrtSettings srtSettings() {
        SrtSettings d = SrtSettings.defaults();
        String rtmpHost = value("inlet.rtmp.host", String.class, RtmpSettings.Listener.defaults().host());
        return new SrtSettings(
                value("inlet.srt.enabled", Boolean.class, d.enabled()),
                value("inlet.srt.host", String.class, rtmpHost),
                value("inlet.srt.port", Integer.class, d.port()),
                value("inlet.srt.latency-ms", Integer.class, d.latencyMillis()),
                value("inlet.srt.max-latency-ms", Integer.class, d.maxLatencyMillis()),
                value("inlet.srt.max-bandwidth-mbps", Integer.class, d.maxBandwidthMbps()),
                config.getOptionalValue("inlet.srt.passphrase", String.class).filter(p -> !p.isBlank()),
                keyLengthBytes(value("inlet.srt.key-length", Integer.class, 0)));
    }

    /** {@code inlet.srt.key-length} in bits, as operators know AES keys: 128, 192 or 256; 0 = the caller's. */
    private static int keyLengthBytes(int bits) {
        if (bits != 0 && bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException("inlet.srt.key-length is 128, 192 or 256 (bits), or 0 for the caller's"
                    + " choice: " + bits);
        }
        return bits / 8;
    }

    private RtmpSettings.Listener listener(RtmpSettings.Listener d) {
        return new RtmpSettings.Listener(
                value("inlet.rtmp.host", String.class, d.host()),
                value("inlet.rtmp.port", Integer.class, d.port()),
                seconds("inlet.rtmp.handshake-timeout-seconds", d.handshakeTimeout()),
                value("inlet.rtmp.worker-threads", Integer.class, d.workerThreads()),
                value("inlet.rtmp.max-write-queue-bytes", Integer.class, d.maxWriteQueueBytes()),
                value("inlet.rtmp.max-connections", Integer.class, d.maxConnections()),
                value("inlet.rtmp.max-connections-per-ip", Integer.class, d.maxConnectionsPerAddress()),
                value("inlet.rtmp.reads-on-selector", Boolean.class, d.readsOnSelector()),
                Duration.ofMillis(value("inlet.rtmp.read-coalesce-ms", Long.class, d.readCoalescing().toMillis())));
    }

    private ChunkLimits chunks(ChunkLimits d) {
        return new ChunkLimits(
                value("inlet.rtmp.max-message-size", Integer.class, d.maxMessageSize()),
                value("inlet.rtmp.max-chunk-size", Integer.class, d.maxChunkSize()),
                value("inlet.rtmp.max-chunk-streams", Integer.class, d.maxChunkStreams()),
                value("inlet.rtmp.max-partial-bytes-per-connection", Long.class, d.maxPartialBytesPerConnection()),
                value("inlet.rtmp.max-partial-bytes", Long.class, d.maxPartialBytes()));
    }

    private SessionSettings session(SessionSettings d) {
        return new SessionSettings(
                value("inlet.rtmp.chunk-size", Integer.class, d.outgoingChunkSize()),
                d.windowAckSize(), d.peerBandwidth(), d.amfLimits(),
                seconds("inlet.rtmp.publisher-read-timeout-seconds", d.publisherReadTimeout()),
                seconds("inlet.rtmp.idle-timeout-seconds", d.idleTimeout()),
                seconds("inlet.rtmp.player-ack-timeout-seconds", d.playerAckTimeout()),
                value("inlet.rtmp.max-commands-per-second", Integer.class, d.commandsPerSecond()),
                value("inlet.rtmp.max-command-burst", Integer.class, d.commandBurst()));
    }

    private CoreSettings streams(CoreSettings d) {
        return new CoreSettings(
                value("inlet.hub.gop-cache-max-bytes", Long.class, d.gopCacheMaxBytes()),
                backPressure(d.backPressure()),
                seconds("inlet.stream.reconnect-grace-seconds", d.reconnectGrace()),
                value("inlet.play.max-players-per-stream", Integer.class, d.maxPlayersPerStream()),
                value("inlet.play.max-players", Integer.class, d.maxPlayers()),
                publishBlocking(d.publishBlocking()),
                d.authorizationTimeout());
    }

    private BackPressure backPressure(BackPressure d) {
        return new BackPressure(value("inlet.hub.max-backlog-bytes", Long.class, d.maxBacklogBytes()),
                seconds("inlet.hub.max-lag-seconds", d.maxLag()));
    }

    private WriteMerging writeMerging(WriteMerging d) {
        return new WriteMerging(Duration.ofMillis(value("inlet.play.write-merge-ms", Long.class, d.window().toMillis())),
                value("inlet.play.flusher-threads", Integer.class, d.threads()),
                value("inlet.play.write-merge-from-messages-per-second", Integer.class, d.busyMessagesPerSecond()));
    }

    private PublishBlocking publishBlocking(PublishBlocking d) {
        return new PublishBlocking(
                value("inlet.rtmp.publish-failures-before-block", Integer.class, d.maxFailures()),
                seconds("inlet.rtmp.publish-failure-window-seconds", d.window()),
                seconds("inlet.rtmp.publish-block-seconds", d.firstBlock()),
                seconds("inlet.rtmp.publish-block-max-seconds", d.maxBlock()));
    }

    /** Off unless enabled; enabled without a keystore is a configuration error that fails the deployment. */
    private Optional<RtmpsSettings> rtmps() {
        if (!value("inlet.rtmps.enabled", Boolean.class, false)) {
            return Optional.empty();
        }
        String keystore = config.getOptionalValue("inlet.rtmps.keystore", String.class)
                .filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("inlet.rtmps.enabled is true but inlet.rtmps.keystore is not set"));
        return Optional.of(new RtmpsSettings(value("inlet.rtmps.port", Integer.class, RtmpsSettings.DEFAULT_PORT),
                Path.of(keystore), value("inlet.rtmps.keystore-password", String.class, ""),
                value("inlet.rtmps.keystore-type", String.class, RtmpsSettings.DEFAULT_KEYSTORE_TYPE)));
    }

    /** Times are configured in whole seconds (the key says so) and held as Durations. */
    private Duration seconds(String key, Duration fallback) {
        return Duration.ofSeconds(value(key, Long.class, fallback.toSeconds()));
    }

    private <T> T value(String key, Class<T> type, T fallback) {
        return config.getOptionalValue(key, type).orElse(fallback);
    }
}
