package dev.inlet.api.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one signed JSON POST to a webhook receiver, asynchronously and bounded by a timeout that
 * covers the whole exchange (connect, answer and body). Never blocks its caller.
 */
public final class WebhookClient {

    public static final String EVENT_HEADER = "X-Inlet-Event";
    public static final String DELIVERY_HEADER = "X-Inlet-Delivery";
    static final int MAX_RESPONSE_BYTES = 4096;

    private final HttpClient http;
    private final WebhookSigner signer;
    private final Duration timeout;
    private final Clock clock;

    /** @param signer null sends unsigned requests (no secret configured) */
    public WebhookClient(HttpClient http, WebhookSigner signer, Duration timeout, Clock clock) {
        this.http = http;
        this.signer = signer;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A client with its own connection pool whose callbacks run on {@code executor}. */
    public static HttpClient httpClient(Duration connectTimeout, java.util.concurrent.Executor executor) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect is an answer, not a detour
                .executor(executor)
                .build();
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * POSTs {@code json} to {@code url}; completes with the answer, or exceptionally with an
     * {@link java.io.IOException} or a {@link java.util.concurrent.TimeoutException}.
     */
    public CompletableFuture<WebhookResponse> post(URI url, String event, String deliveryId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Inlet-Webhook/1")
                .header(EVENT_HEADER, event)
                .header(DELIVERY_HEADER, deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signer != null) {
            long now = clock.instant().getEpochSecond();
            request.header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(now))
                    .header(WebhookSigner.SIGNATURE_HEADER, signer.signature(now, body));
        }
        CompletableFuture<java.net.http.HttpResponse<String>> exchange =
                http.sendAsync(request.build(), BoundedBody.handler(MAX_RESPONSE_BYTES));
        return exchange.thenApply(response -> new WebhookResponse(response.statusCode(), response.body()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                    }
                });
    }
}
