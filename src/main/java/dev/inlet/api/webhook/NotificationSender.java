package dev.inlet.api.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers notification webhooks ({@code on_unpublish}, {@code on_play}, {@code on_stop}) without ever
 * blocking the caller: a failed attempt (no answer, a timeout, 408, 429 or 5xx) is retried after a
 * doubling backoff, a bounded number of times; other answers are final. Every attempt carries the same
 * delivery id (so a receiver can drop duplicates) and a fresh signature timestamp. At most
 * {@code maxPending} deliveries are in flight; beyond that new ones are dropped and logged, so a dead
 * receiver cannot make memory grow.
 */
public final class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** How one delivery ended: {@code lastStatus} is -1 when no answer came. */
    public record Delivery(boolean delivered, int attempts, int lastStatus, String failure) {
    }

    private final WebhookClient client;
    private final ScheduledExecutorService scheduler;
    private final int retries;
    private final Duration initialBackoff;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    public NotificationSender(WebhookClient client, ScheduledExecutorService scheduler, int retries,
                              Duration initialBackoff, int maxPending) {
        this.client = client;
        this.scheduler = scheduler;
        this.retries = Math.max(0, retries);
        this.initialBackoff = initialBackoff;
        this.maxPending = maxPending;
    }

    /** Starts delivering; the returned future completes when the delivery succeeded or gave up. */
    public CompletableFuture<Delivery> send(URI url, String event, String json) {
        CompletableFuture<Delivery> done = new CompletableFuture<>();
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            LOG.log(Level.WARNING, "{0} webhook to {1} dropped: {2} deliveries already pending",
                    new Object[]{event, url, maxPending});
            done.complete(new Delivery(false, 0, -1, "too many pending deliveries"));
            return done;
        }
        done.whenComplete((delivery, failure) -> pending.decrementAndGet());
        attempt(url, event, UUID.randomUUID().toString(), json, 1, done);
        return done;
    }

    /** Deliveries started and not yet finished. */
    public int pending() {
        return pending.get();
    }

    private void attempt(URI url, String event, String deliveryId, String json, int attempt,
                         CompletableFuture<Delivery> done) {
        client.post(url, event, deliveryId, json).whenComplete((response, failure) -> {
            if (failure == null && response.isSuccess()) {
                done.complete(new Delivery(true, attempt, response.status(), null));
                return;
            }
            int status = failure == null ? response.status() : -1;
            String problem = failure == null ? "HTTP " + status : String.valueOf(unwrap(failure));
            if (attempt > retries || (failure == null && !isRetryable(status))) {
                LOG.log(Level.WARNING, "{0} webhook to {1} failed after {2} attempt(s): {3}",
                        new Object[]{event, url, attempt, problem});
                done.complete(new Delivery(false, attempt, status, problem));
                return;
            }
            try {
                scheduler.schedule(() -> attempt(url, event, deliveryId, json, attempt + 1, done),
                        backoff(attempt).toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                done.complete(new Delivery(false, attempt, status, "shutting down after " + problem));
            }
        });
    }

    /** Backoff before attempt {@code attempt + 1}: initial, 2 × initial, 4 × initial…, at most 30 s. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }
}
