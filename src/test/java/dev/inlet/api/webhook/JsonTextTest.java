package dev.inlet.api.webhook;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void writesFlatObjectsWithEscapes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("s", "a\"b\\c\nd\u0001");
        fields.put("n", 42L);
        fields.put("b", true);
        fields.put("z", null);
        assertThat(JsonText.object(fields)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":42,\"b\":true,\"z\":null}");
    }

    @Test
    void readsATopLevelStringFieldPastOtherValues() {
        String json = "{ \"code\": 403, \"detail\": {\"reason\": \"nested, not this\"}, \"list\": [1, \"x\", {}],"
                + " \"reason\" : \"key \\\"suspended\\\" \\u00e9\" }";
        assertThat(JsonText.stringField(json, "reason")).contains("key \"suspended\" é");
        assertThat(JsonText.stringField("{}", "reason")).isEmpty();
        assertThat(JsonText.stringField("{\"reason\": 5}", "reason")).isEmpty();
    }

    @Test
    void malformedTextGivesNothing() {
        assertThat(JsonText.stringField("{\"reason\": \"unterminated", "reason")).isEmpty();
        assertThat(JsonText.stringField("not json", "reason")).isEmpty();
        assertThat(JsonText.stringField("[".repeat(10_000), "reason")).isEmpty();
        assertThat(JsonText.stringField("{\"a\":" + "[".repeat(10_000), "reason")).isEmpty();
        assertThat(JsonText.stringField("{\"reason\":\"\\u12\"}", "reason")).isEmpty();
    }
}
