package dev.inlet.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRegistryTest {

    private final InMemoryRegistry registry = new InMemoryRegistry();

    @Test
    void aCreatedKeyPublishesToItsStreamAndIsListedByPrefixOnly() throws Exception {
        registry.createStream("news", "Evening news");
        CreatedKey created = registry.createKey("news", 2);

        assertThat(registry.lookup(created.plaintext())).contains(new StreamSlot("news", 2));
        assertThat(registry.keys("news")).singleElement().satisfies(key -> {
            assertThat(key.prefix()).isEqualTo(created.plaintext().substring(0, 6));
            assertThat(key.priority()).isEqualTo(2);
            assertThat(key.enabled()).isTrue();
            assertThat(key.toString()).doesNotContain(created.plaintext());
        });
        assertThat(created.toString()).doesNotContain(created.plaintext());
    }

    @Test
    void acquireRecordsLastUseAndHoldsTheSlotUntilReleased() throws Exception {
        registry.createStream("news", null);
        CreatedKey created = registry.createKey("news", 1);

        Lease lease = registry.acquire(created.plaintext(), "s1", "10.0.0.7");
        assertThatThrownBy(() -> registry.acquire(created.plaintext(), "s2", "10.0.0.8"))
                .isInstanceOf(StreamAlreadyActiveException.class);
        assertThat(registry.keys("news").get(0).lastRemoteAddress()).isEqualTo("10.0.0.7");
        assertThat(registry.keys("news").get(0).lastUsed()).isNotNull();

        registry.release(lease);
        assertThat(registry.acquire(created.plaintext(), "s3", "10.0.0.9").sessionId()).isEqualTo("s3");
    }

    @Test
    void revokedAndRotatedKeysNoLongerPublish() throws Exception {
        registry.createStream("news", null);
        CreatedKey first = registry.createKey("news", 1);
        CreatedKey second = registry.createKey("news", 1);

        assertThat(registry.revokeKey("news", first.key().id())).get().extracting(KeyRecord::enabled).isEqualTo(false);
        assertThat(registry.lookup(first.plaintext())).isEmpty();

        CreatedKey rotated = registry.rotateKey("news", second.key().id());
        assertThat(registry.lookup(second.plaintext())).isEmpty();
        assertThat(registry.lookup(rotated.plaintext())).contains(new StreamSlot("news", 1));
        assertThat(rotated.plaintext()).isNotEqualTo(second.plaintext());
        assertThat(registry.keys("news")).extracting(KeyRecord::enabled).containsExactly(false, false, true);
    }

    @Test
    void aDisabledStreamRefusesItsKeysUntilEnabledAgain() throws Exception {
        registry.createStream("news", null);
        CreatedKey key = registry.createKey("news", 1);

        registry.updateStream("news", null, false);
        assertThatThrownBy(() -> registry.acquire(key.plaintext(), "s1", "x"))
                .isInstanceOf(UnknownStreamKeyException.class);

        StreamRecord enabled = registry.updateStream("news", "Renamed", true);
        assertThat(enabled.displayName()).isEqualTo("Renamed");
        assertThat(registry.lookup(key.plaintext())).isPresent();
    }

    @Test
    void deletingAStreamForgetsItsKeys() throws Exception {
        registry.createStream("news", null);
        CreatedKey key = registry.createKey("news", 1);

        assertThat(registry.deleteStream("news")).isTrue();
        assertThat(registry.deleteStream("news")).isFalse();
        assertThat(registry.lookup(key.plaintext())).isEmpty();
        assertThat(registry.stream("news")).isEmpty();
    }

    @Test
    void refusalsNameTheirCause() throws Exception {
        registry.createStream("news", null);

        assertThatThrownBy(() -> registry.createStream("news", null)).isInstanceOf(CatalogException.Conflict.class);
        assertThatThrownBy(() -> registry.createStream("no spaces", null)).isInstanceOf(CatalogException.Invalid.class);
        assertThatThrownBy(() -> registry.createKey("news", 0)).isInstanceOf(CatalogException.Invalid.class);
        assertThatThrownBy(() -> registry.createKey("sports", 1)).isInstanceOf(CatalogException.NotFound.class);
        assertThatThrownBy(() -> registry.keys("sports")).isInstanceOf(CatalogException.NotFound.class);
        assertThatThrownBy(() -> registry.rotateKey("news", 99)).isInstanceOf(CatalogException.NotFound.class);
        assertThat(registry.revokeKey("news", 99)).isEmpty();
    }

    @Test
    void aRegisteredDemoKeyCreatesItsStream() {
        registry.register("demo", "configured-demo-key");

        assertThat(registry.stream("demo")).get().extracting(StreamRecord::enabled).isEqualTo(true);
        assertThat(registry.lookup("configured-demo-key")).contains(new StreamSlot("demo", 1));
        assertThat(registry.streams()).extracting(StreamRecord::code).containsExactly("demo");
    }
}
