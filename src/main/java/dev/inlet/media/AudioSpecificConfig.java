package dev.inlet.media;

/**
 * The leading fields of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 section 1.6.2.1): the body of an FLV/RTMP
 * AAC sequence header. Only audioObjectType, samplingFrequency and channelConfiguration are kept;
 * {@link #toBytes()} writes them followed by a GASpecificConfig with all flags clear, which is exact for the
 * configurations AAC encoders send over RTMP (AAC LC, Main, LTP). Explicitly signalled SBR/PS extensions are not
 * preserved.
 *
 * @param objectType audio object type (2 = AAC LC)
 * @param sampleRate sampling frequency in Hz
 * @param channels   channel configuration (1..7 as in the spec; 0 = defined by an in-band program config element)
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channels) {

    public static final int AAC_MAIN = 1;
    public static final int AAC_LC = 2;

    private static final int[] SAMPLE_RATES = {
            96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};
    private static final int EXPLICIT_RATE_INDEX = 15;
    private static final int OBJECT_TYPE_ESCAPE = 31;
    /** The escape value 31 is followed by 6 bits: audioObjectType = 32 + audioObjectTypeExt, so at most 95. */
    private static final int MAX_OBJECT_TYPE = OBJECT_TYPE_ESCAPE + 1 + 63;

    public AudioSpecificConfig {
        if (objectType < 1 || objectType > MAX_OBJECT_TYPE) {
            throw new IllegalArgumentException("audio object type " + objectType);
        }
        if (sampleRate <= 0 || sampleRate > 0xFF_FFFF) {
            throw new IllegalArgumentException("sample rate " + sampleRate);
        }
        if (channels < 0 || channels > 15) {
            throw new IllegalArgumentException("channel configuration " + channels);
        }
    }

    /** Parses the leading fields; throws {@link MediaFormatException} if they are truncated or reserved. */
    public static AudioSpecificConfig parse(byte[] asc) {
        BitReader bits = new BitReader(asc);
        int objectType = bits.readInt(5);
        if (objectType == OBJECT_TYPE_ESCAPE) {
            objectType = OBJECT_TYPE_ESCAPE + 1 + bits.readInt(6);
        }
        if (objectType == 0) {
            throw new MediaFormatException("audio object type 0 (null object)");
        }
        int rateIndex = bits.readInt(4);
        int sampleRate = rateIndex == EXPLICIT_RATE_INDEX ? bits.readInt(24) : rateFromIndex(rateIndex);
        if (sampleRate == 0) {
            throw new MediaFormatException("explicit sampling frequency 0");
        }
        int channels = bits.readInt(4);
        return new AudioSpecificConfig(objectType, sampleRate, channels);
    }

    /**
     * Reads an ADTS header (ISO/IEC 14496-3 section 1.A.2.2, 7 or 9 bytes); the 2-bit profile is the object type
     * minus one.
     */
    public static AudioSpecificConfig fromAdts(byte[] adtsHeader) {
        return AdtsHeader.parse(adtsHeader, 0).config();
    }

    public byte[] toBytes() {
        int rateIndex = indexOf(sampleRate);
        int bitCount = (objectType >= OBJECT_TYPE_ESCAPE ? 11 : 5) + (rateIndex < 0 ? 28 : 4) + 4 + 3;
        BitWriter bits = new BitWriter((bitCount + 7) / 8);
        if (objectType >= OBJECT_TYPE_ESCAPE) {
            bits.write(OBJECT_TYPE_ESCAPE, 5);
            bits.write(objectType - OBJECT_TYPE_ESCAPE - 1, 6);
        } else {
            bits.write(objectType, 5);
        }
        if (rateIndex < 0) {
            bits.write(EXPLICIT_RATE_INDEX, 4);
            bits.write(sampleRate, 24);
        } else {
            bits.write(rateIndex, 4);
        }
        bits.write(channels, 4);
        bits.write(0, 3); // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder, extensionFlag
        return bits.toBytes();
    }

    /**
     * An ADTS header (7 bytes, no CRC) for one raw frame of {@code rawFrameLength} bytes in this configuration.
     * ADTS can only carry object types 1..4 and a sampling frequency from the index table.
     */
    public byte[] adtsHeader(int rawFrameLength) {
        return AdtsHeader.build(this, rawFrameLength);
    }

    /** Samples per channel in one AAC frame (1024 for the object types RTMP carries). */
    public int samplesPerFrame() {
        return 1024;
    }

    static int rateFromIndex(int index) {
        if (index < 0 || index >= SAMPLE_RATES.length) {
            throw new MediaFormatException("reserved sampling frequency index " + index);
        }
        return SAMPLE_RATES[index];
    }

    /** The sampling frequency index of a rate, or -1 if the table does not have it. */
    static int indexOf(int sampleRate) {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == sampleRate) {
                return i;
            }
        }
        return -1;
    }

    /** Writes big-endian bit fields into a fixed-size buffer. */
    private static final class BitWriter {
        private final byte[] out;
        private int bit;

        BitWriter(int size) {
            out = new byte[size];
        }

        void write(long value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                if (((value >>> i) & 1) != 0) {
                    out[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
                }
                bit++;
            }
        }

        byte[] toBytes() {
            return out;
        }
    }
}
