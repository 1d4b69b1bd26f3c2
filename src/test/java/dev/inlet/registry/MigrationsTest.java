package dev.inlet.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void migratesAnEmptyDatabaseOnceAndThenHasNothingToDo(TestDatabase database) throws SQLException {
        DataSource dataSource = database.emptyDatabase();

        assertThat(Migrations.migrate(dataSource)).isEqualTo(Migrations.SCRIPTS.size());
        assertThat(Migrations.migrate(dataSource)).isZero();

        assertThat(tables(dataSource)).contains("inlet_stream", "inlet_stream_key", "inlet_publisher_lease",
                Migrations.HISTORY_TABLE);
    }

    @Test
    void everyScriptOnTheClassPathIsListed() throws IOException, URISyntaxException {
        URL location = getClass().getClassLoader().getResource(Migrations.LOCATION);
        assertThat(location).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(Migrations.SCRIPTS).containsExactlyElementsOf(names);
        }
    }

    private static List<String> tables(DataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "%",
                new String[]{"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
