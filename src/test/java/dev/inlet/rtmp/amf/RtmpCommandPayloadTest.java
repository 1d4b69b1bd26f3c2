package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AMF0 payloads an RTMP server meets first: the connect command and onMetaData. */
class RtmpCommandPayloadTest {

    private static Map<String, Object> connectCommandObject() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", "live");
        object.put("type", "nonprivate");
        object.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        object.put("swfUrl", "rtmp://localhost:1935/live");
        object.put("tcUrl", "rtmp://localhost:1935/live");
        object.put("fpad", false);
        object.put("capabilities", 239.0);
        object.put("audioCodecs", 3575.0);
        object.put("videoCodecs", 252.0);
        object.put("videoFunction", 1.0);
        object.put("objectEncoding", 0.0);
        return object;
    }

    @Test
    void a_connect_command_is_written_as_name_transaction_id_and_command_object() {
        byte[] payload = new Amf0Writer().writeAll("connect", 1, connectCommandObject()).toByteArray();

        String start = "02 00 07 63 6F 6E 6E 65 63 74"   // "connect"
                + " 00 3F F0 00 00 00 00 00 00"         // 1.0
                + " 03 00 03 61 70 70 02 00 04 6C 69 76 65"; // { app: "live"
        assertThat(Hex.of(Arrays.copyOf(payload, Hex.bytes(start).length))).isEqualTo(Hex.normalize(start));
        assertThat(Hex.of(Arrays.copyOfRange(payload, payload.length - 3, payload.length)))
                .isEqualTo(Hex.normalize("00 00 09"));
    }

    @Test
    void a_connect_command_reads_back_with_its_property_order() {
        byte[] payload = new Amf0Writer().writeAll("connect", 1, connectCommandObject()).toByteArray();

        List<Object> values = new Amf0Reader(ByteBuffer.wrap(payload)).readAll();

        assertThat(values).containsExactly("connect", 1.0, connectCommandObject());
        @SuppressWarnings("unchecked")
        Map<String, Object> command = (Map<String, Object>) values.get(2);
        assertThat(command).isInstanceOf(LinkedHashMap.class);
        assertThat(command.keySet()).containsExactlyElementsOf(connectCommandObject().keySet());
        assertThat(command.get("objectEncoding")).isEqualTo(0.0);
    }

    @Test
    void a_connect_command_with_optional_user_arguments_reads_them_all() {
        byte[] payload = new Amf0Writer()
                .writeAll("connect", 1, connectCommandObject(), "user", null, true)
                .toByteArray();
        assertThat(new Amf0Reader(ByteBuffer.wrap(payload)).readAll())
                .containsExactly("connect", 1.0, connectCommandObject(), "user", null, true);
    }

    private static AmfEcmaArray metadata() {
        AmfEcmaArray metadata = new AmfEcmaArray();
        metadata.put("duration", 0.0);
        metadata.put("width", 1280.0);
        metadata.put("height", 720.0);
        metadata.put("videodatarate", 2500.0);
        metadata.put("framerate", 30.0);
        metadata.put("videocodecid", 7.0);
        metadata.put("audiodatarate", 160.0);
        metadata.put("audiosamplerate", 48000.0);
        metadata.put("audiosamplesize", 16.0);
        metadata.put("stereo", true);
        metadata.put("audiocodecid", 10.0);
        metadata.put("encoder", "Lavf61.7.100");
        metadata.put("filesize", 0.0);
        return metadata;
    }

    @Test
    void on_metadata_is_an_ecma_array_with_its_entry_count() {
        byte[] payload = new Amf0Writer().writeAll("@setDataFrame", "onMetaData", metadata()).toByteArray();

        String start = "02 00 0D 40 73 65 74 44 61 74 61 46 72 61 6D 65" // "@setDataFrame"
                + " 02 00 0A 6F 6E 4D 65 74 61 44 61 74 61"                // "onMetaData"
                + " 08 00 00 00 0D"                                          // ECMA array, 13 entries
                + " 00 08 64 75 72 61 74 69 6F 6E 00 00 00 00 00 00 00 00 00"; // duration: 0.0
        assertThat(Hex.of(Arrays.copyOf(payload, Hex.bytes(start).length))).isEqualTo(Hex.normalize(start));

        List<Object> values = new Amf0Reader(ByteBuffer.wrap(payload)).readAll();
        assertThat(values).containsExactly("@setDataFrame", "onMetaData", metadata());
        assertThat(values.get(2)).isInstanceOf(AmfEcmaArray.class);
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) values.get(2)).keySet())).containsExactlyElementsOf(metadata().keySet());
    }

    @Test
    void on_metadata_sent_as_a_plain_object_reads_as_a_plain_map() {
        byte[] payload = new Amf0Writer().writeAll("onMetaData", new LinkedHashMap<>(metadata())).toByteArray();
        List<Object> values = new Amf0Reader(ByteBuffer.wrap(payload)).readAll();
        assertThat(values.get(1)).isNotInstanceOf(AmfEcmaArray.class).isEqualTo(metadata());
    }
}
