package dev.inlet.media;

import java.util.Arrays;

/**
 * AAC in ADTS (stream_type 0x0F): each PES holds whole ADTS frames. They become raw AAC frames with their
 * AudioSpecificConfig; the first frame takes the PES PTS, each next one 1024 samples later. A PES without a PTS
 * continues where the previous one ended. A frame with several raw data blocks is dropped (its block boundaries need
 * the CRC layout, and encoders feeding live streams do not write them); so is a frame cut off at the end of the PES.
 */
final class AdtsAudioStream implements TsElementaryStream {

    private static final long TICKS_PER_SECOND = 90_000;

    private byte[] configBytes;
    private boolean configChanged;
    private long next90k = PesPacket.NO_TIMESTAMP;

    @Override
    public void accept(PesPacket pes, long pts90k, long dts90k, Output output) {
        byte[] data = pes.data();
        int position = pes.payloadOffset();
        long start = pts90k != PesPacket.NO_TIMESTAMP ? pts90k : next90k;
        long samples = 0;
        while (position < data.length) {
            if (!AdtsHeader.startsWithSyncWord(data, position)) {
                output.droppedFrame(); // the rest of the PES cannot be framed
                return;
            }
            if (data.length - position < AdtsHeader.MIN_HEADER_LENGTH) {
                output.droppedFrame();
                return;
            }
            AdtsHeader header = AdtsHeader.parse(data, position);
            if (header.frameLength() > data.length - position) {
                output.droppedFrame();
                return;
            }
            AudioSpecificConfig config = header.config();
            updateConfiguration(config, output);
            if (start != PesPacket.NO_TIMESTAMP && header.rawBlocks() == 1) {
                long at = start + samples * TICKS_PER_SECOND / config.sampleRate();
                byte[] raw = Arrays.copyOfRange(data, position + header.headerLength(), position + header.frameLength());
                boolean discontinuity = configChanged;
                configChanged = false;
                long ms = TsTimestamps.toMillis(at);
                output.frame(new AVPacket(FrameKind.AAC, raw, ms, ms, true, discontinuity));
            } else {
                output.droppedFrame();
            }
            samples += (long) config.samplesPerFrame() * header.rawBlocks();
            position += header.frameLength();
            if (start != PesPacket.NO_TIMESTAMP) {
                next90k = start + samples * TICKS_PER_SECOND / config.sampleRate();
            }
        }
    }

    private void updateConfiguration(AudioSpecificConfig config, Output output) {
        byte[] bytes = config.toBytes();
        if (!Arrays.equals(bytes, configBytes)) {
            configChanged = configBytes != null;
            configBytes = bytes;
            output.configuration(FrameKind.AAC, bytes);
        }
    }
}
