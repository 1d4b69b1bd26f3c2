package dev.inlet.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every live publish and play session of the server, by id: what the admin API lists and kicks. */
final class SessionTracker {

    /** A tracked session: it can describe itself and be disconnected. */
    interface Tracked {
        Object view();

        void kick(String reason);
    }

    private final Map<String, Tracked> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> playerStreams = new ConcurrentHashMap<>();
    private final Map<String, Integer> playersPerStream = new ConcurrentHashMap<>();
    private int players;

    void add(String id, Tracked session) {
        sessions.put(id, session);
    }

    /**
     * Admits a player if the stream and the server are under their limits (0 = no limit) and tracks it.
     * Returns why it was refused, or null.
     */
    synchronized String admitPlayer(String id, Tracked player, String streamCode, int maxPerStream, int maxTotal) {
        int onStream = playersPerStream.getOrDefault(streamCode, 0);
        if (maxPerStream > 0 && onStream >= maxPerStream) {
            return "stream " + streamCode + " has its maximum of " + maxPerStream + " players";
        }
        if (maxTotal > 0 && players >= maxTotal) {
            return "the server has its maximum of " + maxTotal + " players";
        }
        playersPerStream.put(streamCode, onStream + 1);
        players++;
        playerStreams.put(id, streamCode);
        sessions.put(id, player);
        return null;
    }

    void remove(String id) {
        sessions.remove(id);
        String stream = playerStreams.remove(id);
        if (stream != null) {
            synchronized (this) {
                players--;
                playersPerStream.computeIfPresent(stream, (code, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    List<PublisherView> publishers() {
        return sessions.values().stream().map(Tracked::view).filter(PublisherView.class::isInstance)
                .map(PublisherView.class::cast).sorted(Comparator.comparing(PublisherView::startedAt)).toList();
    }

    List<PlayerView> players() {
        return sessions.values().stream().map(Tracked::view).filter(PlayerView.class::isInstance)
                .map(PlayerView.class::cast).sorted(Comparator.comparing(PlayerView::startedAt)).toList();
    }

    boolean kick(String id, String reason) {
        Tracked session = sessions.get(id);
        if (session == null) {
            return false;
        }
        session.kick(reason);
        return true;
    }
}
