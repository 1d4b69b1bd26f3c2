package dev.inlet.api.streams;

import dev.inlet.core.KeyRecord;
import dev.inlet.core.PublisherView;
import dev.inlet.ingest.RtmpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Predicate;

/** Disconnects the publishers an administrative change has just made illegitimate. */
@ApplicationScoped
public class Disconnections {

    @Inject
    RtmpServer server;

    /** Every publisher of the stream (deleted or disabled). @return how many were disconnected */
    public int publishersOf(String streamCode, String reason) {
        return kick(p -> p.streamCode().equals(streamCode), reason);
    }

    /** The publisher using this key, recognised by stream, input and key prefix. */
    public int publisherUsing(KeyRecord key, String reason) {
        return kick(p -> p.streamCode().equals(key.streamCode()) && p.priority() == key.priority()
                && p.keyPrefix().equals(key.prefix()), reason);
    }

    private int kick(Predicate<PublisherView> which, String reason) {
        return (int) server.publishers().stream().filter(which).filter(p -> server.kick(p.id(), reason)).count();
    }
}
