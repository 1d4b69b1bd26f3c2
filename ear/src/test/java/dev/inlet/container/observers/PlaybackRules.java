package dev.inlet.container.observers;

import dev.inlet.events.PlayAuthorization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An enterprise application's own play rule, deployed ONLY by {@code PlaybackAdmissionContainerIT}: plays through
 * the RTMP application {@code blocked}, or by an HTTP client calling itself {@code vetoed-agent}, are refused.
 */
@ApplicationScoped
public class PlaybackRules {

    public static final String BLOCKED_APP = "blocked";
    public static final String VETOED_AGENT = "vetoed-agent";
    public static final String VETO = "playback vetoed by the enterprise rule under test";

    /** "protocol app" of every play the rule was asked about. */
    public static final List<String> ASKED = new CopyOnWriteArrayList<>();

    void authorize(@Observes PlayAuthorization question) {
        ASKED.add(question.protocol() + " " + question.app());
        if (BLOCKED_APP.equals(question.app()) || VETOED_AGENT.equals(question.client())) {
            question.deny(VETO);
        }
    }
}
