package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.inlet.rtmp.RtmpProtocolException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever bytes arrive, the readers return values or throw RtmpProtocolException,
 * nothing else (no buffer underflow, class cast, out of memory, stack overflow, endless loop).
 */
class AmfRandomInputTest {

    private static final int CASES = 20_000;
    private static final List<AmfLimits> LIMITS = List.of(AmfLimits.defaults(), new AmfLimits(4, 8, 16));

    @Test
    void random_bytes_never_break_the_amf0_reader() {
        checkRandomInputs(0xA3F0L, AmfRandomInputTest::readAllAmf0);
    }

    @Test
    void random_bytes_never_break_the_amf3_reader() {
        checkRandomInputs(0xA3F3L, AmfRandomInputTest::readAllAmf3);
    }

    @Test
    void mutated_valid_amf0_never_breaks_the_reader() {
        byte[] valid = new Amf0Writer().writeAll("connect", 1, sample(), List.of(sample(), new byte[] {1, 2}),
                new AmfEcmaArray(Map.of("duration", 0.0)), new AmfDate(0, (short) 0)).toByteArray();
        checkMutations(0xB0L, valid, AmfRandomInputTest::readAllAmf0);
    }

    @Test
    void mutated_valid_amf3_never_breaks_the_reader() {
        Amf3Writer writer = new Amf3Writer();
        for (Object value : List.of("connect", 1, sample(), List.of(sample(), sample(), new byte[] {1, 2}),
                new AmfEcmaArray(Map.of("duration", 0.0)), new AmfXmlDocument("<a/>"), "connect")) {
            writer.write(value);
        }
        checkMutations(0xB3L, writer.toByteArray(), AmfRandomInputTest::readAllAmf3);
    }

    private static Map<String, Object> sample() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", "live");
        object.put("fpad", false);
        object.put("capabilities", 15);
        object.put("typed", new AmfTypedObject("T", new LinkedHashMap<>(Map.of("x", 1.5))));
        return object;
    }

    /** Inputs biased towards valid markers and small lengths, so parsing gets past the first byte. */
    private static void checkRandomInputs(long seed, Consumer<ReaderInput> read) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            byte[] input = new byte[random.nextInt(80)];
            for (int j = 0; j < input.length; j++) {
                int kind = random.nextInt(4);
                input[j] = (byte) switch (kind) {
                    case 0 -> random.nextInt(0x13);   // a marker
                    case 1 -> 0;                      // high bytes of lengths and counts
                    case 2 -> random.nextInt(8);      // small lengths and U29s
                    default -> random.nextInt(256);
                };
            }
            check(seed, i, input, read);
        }
    }

    /** Valid encodings with a few bytes changed, inserted, dropped, or the tail cut off. */
    private static void checkMutations(long seed, byte[] valid, Consumer<ReaderInput> read) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            byte[] input = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int position = random.nextInt(input.length);
                input[position] = (byte) (random.nextBoolean() ? random.nextInt(256) : input[position] ^ (1 << random.nextInt(8)));
            }
            if (random.nextInt(4) == 0) {
                input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
            }
            check(seed, i, input, read);
        }
    }

    private record ReaderInput(byte[] bytes, AmfLimits limits) {
    }

    private static void check(long seed, int index, byte[] input, Consumer<ReaderInput> read) {
        for (AmfLimits limits : LIMITS) {
            try {
                read.accept(new ReaderInput(input, limits));
            } catch (RtmpProtocolException expected) {
                assertThat(expected.reason()).isNotNull();
            } catch (Throwable unexpected) {
                fail("seed %d case %d limits %s input %s threw %s", seed, index, limits, Hex.of(input), unexpected);
            }
        }
    }

    private static void readAllAmf0(ReaderInput input) {
        ByteBuffer buffer = ByteBuffer.wrap(input.bytes());
        Amf0Reader reader = new Amf0Reader(buffer, input.limits());
        reader.readAll();
        assertThat(buffer.hasRemaining()).isFalse();
    }

    private static void readAllAmf3(ReaderInput input) {
        ByteBuffer buffer = ByteBuffer.wrap(input.bytes());
        Amf3Reader reader = new Amf3Reader(buffer, input.limits());
        while (reader.hasRemaining()) {
            int before = buffer.position();
            reader.read();
            assertThat(buffer.position()).as("every read consumes input").isGreaterThan(before);
        }
    }
}
