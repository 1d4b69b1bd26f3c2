package dev.inlet.api.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@link WebhookSettings} from MicroProfile Config. Keys (defaults in brackets):
 * {@code inlet.webhook.on-publish.url}, {@code inlet.webhook.on-unpublish.url}, {@code inlet.webhook.on-play.url},
 * {@code inlet.webhook.on-stop.url} [none: that hook is off], {@code inlet.webhook.secret} [none: unsigned],
 * {@code inlet.webhook.timeout-ms} [2000, at most 9000], {@code inlet.webhook.on-publish.fail-open} [false],
 * {@code inlet.webhook.retries} [3], {@code inlet.webhook.retry-backoff-ms} [1000],
 * {@code inlet.webhook.max-pending} [1000].
 */
@ApplicationScoped
public class WebhookSettingsProducer {

    @Inject
    Config config;

    @Produces // dependent: a record is final, so it cannot sit behind a normal scope's proxy
    WebhookSettings settings() {
        WebhookSettings d = WebhookSettings.none();
        return new WebhookSettings(url("inlet.webhook.on-publish.url"), url("inlet.webhook.on-unpublish.url"),
                url("inlet.webhook.on-play.url"), url("inlet.webhook.on-stop.url"), url("inlet.webhook.on-record-done.url"),
                config.getOptionalValue("inlet.webhook.secret", String.class).filter(s -> !s.isBlank()),
                Duration.ofMillis(value("inlet.webhook.timeout-ms", Long.class, d.timeout().toMillis())),
                value("inlet.webhook.on-publish.fail-open", Boolean.class, d.failOpen()),
                value("inlet.webhook.retries", Integer.class, d.retries()),
                Duration.ofMillis(value("inlet.webhook.retry-backoff-ms", Long.class, d.retryBackoff().toMillis())),
                value("inlet.webhook.max-pending", Integer.class, d.maxPending()));
    }

    private Optional<URI> url(String key) {
        return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank()).map(s -> {
            URI uri = URI.create(s.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException(key + " must be an http or https URL: " + s);
            }
            return uri;
        });
    }

    private <T> T value(String key, Class<T> type, T fallback) {
        return config.getOptionalValue(key, type).orElse(fallback);
    }
}
