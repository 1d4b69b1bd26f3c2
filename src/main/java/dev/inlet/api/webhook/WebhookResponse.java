package dev.inlet.api.webhook;

/** What a webhook receiver answered: the status and (the first few KiB of) the body. */
public record WebhookResponse(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
