package dev.inlet.media;

/** One codec's reading of its PES payloads into {@link AVPacket}s, for {@link TsDemuxer}. */
interface TsElementaryStream {

    /** Where a stream's results go; timestamps are already in milliseconds on the program's unwrapped timeline. */
    interface Output {

        /** The stream's decoder configuration is known, or changed. */
        void configuration(FrameKind kind, byte[] configuration);

        void frame(AVPacket packet);

        /** A frame that cannot be delivered (no configuration yet, no timestamp, malformed). */
        void droppedFrame();
    }

    /**
     * Reads one PES. {@code pts90k}/{@code dts90k} are unwrapped 90 kHz timestamps, or {@link PesPacket#NO_TIMESTAMP}.
     *
     * @throws MediaFormatException if the payload does not follow the codec's format
     */
    void accept(PesPacket pes, long pts90k, long dts90k, Output output);
}
