package dev.inlet.core;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reason {@code inlet_rejects_total} can carry is listed in the README's metrics table. */
class RejectReasonsDocumentedTest {

    @Test
    void theReadmeListsEveryRejectReason() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String rejectsRow = readme.lines().filter(line -> line.startsWith("| `inlet_rejects_total{reason}`"))
                .findFirst().orElseThrow();
        List<String> reasons = Arrays.stream(RejectCounts.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(RejectReasonsDocumentedTest::value).toList();

        assertThat(reasons).hasSizeGreaterThan(10);
        assertThat(reasons).allSatisfy(reason -> assertThat(rejectsRow).contains("`" + reason + "`"));
    }

    private static String value(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
