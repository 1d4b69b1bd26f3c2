package dev.inlet.api.webhook;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The configured hooks and the threads they need, created only when at least one URL is configured
 * and released when the application is undeployed.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());

    @Inject
    WebhookSettings settings;
    @Inject
    ThreadFactory threadFactory;

    private PublishHook publishHook;
    private PlayHook playHook;
    private NotificationSender notifications;
    private ExecutorService httpExecutor;
    private ScheduledExecutorService retryScheduler;

    @PostConstruct
    void start() {
        if (!settings.anyHook()) {
            return;
        }
        if (settings.secret().isEmpty()) {
            LOG.warning("webhooks are configured without inlet.webhook.secret: requests are sent unsigned");
        }
        httpExecutor = Executors.newFixedThreadPool(2, threadFactory);
        WebhookClient client = new WebhookClient(WebhookClient.httpClient(settings.timeout(), httpExecutor),
                settings.secret().map(WebhookSigner::new).orElse(null), settings.timeout(), Clock.systemUTC());
        settings.onPublish().ifPresent(url -> {
            publishHook = new PublishHook(url, client, settings.failOpen(), Clock.systemUTC());
            LOG.log(Level.INFO, "on_publish hook: {0} (fail-{1})", new Object[]{url, settings.failOpen() ? "open" : "closed"});
        });
        settings.onPlay().ifPresent(url -> {
            playHook = new PlayHook(url, client, settings.failOpen(), Clock.systemUTC());
            LOG.log(Level.INFO, "on_play hook: {0} (fail-{1})", new Object[]{url, settings.failOpen() ? "open" : "closed"});
        });
        if (settings.anyNotification()) {
            retryScheduler = Executors.newSingleThreadScheduledExecutor(threadFactory);
            notifications = new NotificationSender(client, retryScheduler, settings.retries(), settings.retryBackoff(),
                    settings.maxPending());
        }
    }

    @PreDestroy
    void stop() {
        if (retryScheduler != null) {
            retryScheduler.shutdownNow();
        }
        if (httpExecutor != null) {
            httpExecutor.shutdownNow();
        }
    }

    public Optional<PlayHook> playHook() {
        return Optional.ofNullable(playHook);
    }

    public Optional<PublishHook> publishHook() {
        return Optional.ofNullable(publishHook);
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Starts a notification to {@code url} if it is configured; never waits for it. */
    public void notify(Optional<java.net.URI> url, String event, java.util.function.Supplier<String> body) {
        if (url.isPresent() && notifications != null) {
            notifications.send(url.get(), event, body.get());
        }
    }
}
