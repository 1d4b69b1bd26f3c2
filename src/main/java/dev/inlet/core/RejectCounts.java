package dev.inlet.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes and plays refused since start, per reason. The reasons are a small fixed set (the text an
 * encoder receives may be anything an authoriser says, so it is never used as a metric label).
 */
final class RejectCounts {

    static final String PUBLISH_UNKNOWN_KEY = "publish_unknown_key";
    static final String PUBLISH_STREAM_BUSY = "publish_stream_busy";
    static final String PUBLISH_REFUSED_BY_REGISTRY = "publish_refused_by_registry";
    static final String PUBLISH_REGISTRY_UNAVAILABLE = "publish_registry_unavailable";
    static final String PUBLISH_DENIED = "publish_denied";
    static final String PUBLISH_STREAM_DISABLED = "publish_stream_disabled";
    static final String PUBLISH_AUTHORISATION_FAILED = "publish_authorisation_failed";
    static final String PUBLISH_BLOCKED = "publish_blocked";
    static final String PLAY_STREAM_NOT_FOUND = "play_stream_not_found";
    static final String PLAY_FAILED = "play_failed";
    static final String PLAY_LIMIT = "play_limit_reached";
    static final String PLAY_DENIED = "play_denied";
    static final String PLAY_AUTHORISATION_FAILED = "play_authorisation_failed";
    static final String PLAY_TOKEN_MISSING = "play_token_missing";
    static final String PLAY_TOKEN_EXPIRED = "play_token_expired";
    static final String PLAY_TOKEN_INVALID = "play_token_invalid";
    /** Another node's edge pull without a valid proof of the cluster secret. */
    static final String PLAY_EDGE_REFUSED = "play_edge_refused";
    /** An SRT caller admitted, but its stream's encryption settings could not be read. */
    static final String SRT_SETTINGS_UNAVAILABLE = "srt_settings_unavailable";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A reader refused for its play token: missing, expired or not valid for the stream. */
    static boolean isPlayToken(String reason) {
        return PLAY_TOKEN_MISSING.equals(reason) || PLAY_TOKEN_EXPIRED.equals(reason) || PLAY_TOKEN_INVALID.equals(reason);
    }

    static String ofRegistryRefusal(RegistryException refusal) {
        if (refusal instanceof UnknownStreamKeyException) {
            return PUBLISH_UNKNOWN_KEY;
        }
        if (refusal instanceof StreamAlreadyActiveException) {
            return PUBLISH_STREAM_BUSY;
        }
        return PUBLISH_REFUSED_BY_REGISTRY;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }
}
