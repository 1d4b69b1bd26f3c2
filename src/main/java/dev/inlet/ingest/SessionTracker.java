package dev.inlet.ingest;

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

    void add(String id, Tracked session) {
        sessions.put(id, session);
    }

    void remove(String id) {
        sessions.remove(id);
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
