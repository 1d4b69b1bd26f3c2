package dev.inlet.api;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the server's JSON-B message body provider (Jersey's or RESTEasy's) the API's JSON-B configuration
 * ({@link JsonMapping}), so request and response bodies are bound the same way on every server.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

    private final Jsonb json = JsonMapping.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        // Asked for every type the provider writes, collections included; a null would leave it without any.
        return json;
    }
}
