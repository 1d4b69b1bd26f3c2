package dev.inlet.registry;

import dev.inlet.core.CatalogException;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamCatalog;
import dev.inlet.core.StreamCodes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every catalog takes the same stream codes ({@link StreamCodes}, the alphabet the README documents) and the same
 * input priorities: the same cases run against the in-memory registry and the database catalog on H2.
 */
class StreamCodeRuleTest {

    /** Letters, digits and the four unreserved marks, alone or mixed, up to 64 characters; runs of 3+ dots. */
    static final String[] ACCEPTED = {"news", "N3ws", "news-1", "news_hd", "news.hd", "news~1", "a", "0", "-", "_",
            "~", ".hidden", "...", "a..b", "x".repeat(64), "news-1.hd_~"};

    /**
     * Empty, too long, outside the unreserved set (a space, a slash, percent, query and fragment marks, non-ASCII),
     * and the dot segments {@code .} and {@code ..}, which URL normalisation would remove from the path.
     */
    static final String[] REFUSED = {"", "x".repeat(65), "a b", "a/b", "a%20b", "a?b", "a#b", "a+b", "a:b", "é",
            "news\n", ".", ".."};

    private EntityManagerFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    enum Catalog {
        IN_MEMORY, DATABASE_H2
    }

    static Stream<Arguments> accepted() {
        return cases(ACCEPTED);
    }

    static Stream<Arguments> refused() {
        return cases(REFUSED);
    }

    private static Stream<Arguments> cases(String[] codes) {
        return Stream.of(Catalog.values()).flatMap(catalog -> Stream.of(codes).map(code -> Arguments.of(catalog, code)));
    }

    @ParameterizedTest(name = "{0} accepts \"{1}\"")
    @MethodSource("accepted")
    void acceptsTheDocumentedAlphabet(Catalog kind, String code) throws Exception {
        StreamCatalog catalog = open(kind);

        assertThat(StreamCodes.isValid(code)).isTrue();
        assertThat(catalog.createStream(code, null).code()).isEqualTo(code);
        assertThat(catalog.stream(code)).isPresent();
    }

    @ParameterizedTest(name = "{0} refuses \"{1}\"")
    @MethodSource("refused")
    void refusesEverythingElse(Catalog kind, String code) {
        StreamCatalog catalog = open(kind);

        assertThat(StreamCodes.isValid(code)).isFalse();
        assertThatThrownBy(() -> catalog.createStream(code, null))
                .isInstanceOf(CatalogException.Invalid.class)
                .hasMessage("a stream code is " + StreamCodes.DESCRIPTION);
        assertThat(catalog.streams()).isEmpty();
    }

    @ParameterizedTest(name = "{0} takes priorities 1 to 16 only")
    @org.junit.jupiter.params.provider.EnumSource(Catalog.class)
    void everyCatalogTakesTheSamePriorities(Catalog kind) throws Exception {
        StreamCatalog catalog = open(kind);
        catalog.createStream("news", null);

        assertThat(catalog.createKey("news", 1).key().priority()).isEqualTo(1);
        assertThat(catalog.createKey("news", dev.inlet.core.InputPriorities.MAX).key().priority())
                .isEqualTo(dev.inlet.core.InputPriorities.MAX);
        for (int refused : new int[]{0, -1, dev.inlet.core.InputPriorities.MAX + 1, 99}) {
            assertThatThrownBy(() -> catalog.createKey("news", refused))
                    .isInstanceOf(CatalogException.Invalid.class)
                    .hasMessage(dev.inlet.core.InputPriorities.rule());
        }
    }

    private StreamCatalog open(Catalog kind) {
        Function<DataSource, StreamCatalog> database = dataSource -> {
            Migrations.migrate(dataSource);
            factory = Persistence.createEntityManagerFactory("inlet-test",
                    Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
            return new DatabaseStreamCatalog(new ResourceLocalCatalogTransactions(factory));
        };
        return switch (kind) {
            case IN_MEMORY -> new InMemoryRegistry();
            case DATABASE_H2 -> database.apply(TestDatabase.H2.emptyDatabase());
        };
    }
}
