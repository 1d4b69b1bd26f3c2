package dev.inlet.api.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body as UTF-8 text keeping at most {@code limit} bytes, so that a receiver answering
 * with a huge body costs bounded memory; the rest is read and dropped.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    private final byte[] kept;
    private int size;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    private BoundedBody(int limit) {
        this.kept = new byte[limit];
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new BoundedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), kept.length - size);
            buffer.get(kept, size, take);
            size += take;
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }
}
