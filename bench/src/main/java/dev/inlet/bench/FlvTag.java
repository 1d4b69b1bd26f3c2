package dev.inlet.bench;

/** One FLV tag: its type (8 audio, 9 video, 18 script data), timestamp in milliseconds and body. */
record FlvTag(int type, long timestamp, byte[] body) {

    static final int AUDIO = 8;
    static final int VIDEO = 9;
    static final int SCRIPT = 18;

    /** An AVC or AAC sequence header, or script data: sent once at the start, never looped. */
    boolean isHeader() {
        if (type == SCRIPT) {
            return true;
        }
        if (body.length < 2) {
            return false;
        }
        if (type == VIDEO) {
            return (body[0] & 0x0F) == 7 && body[1] == 0;
        }
        return type == AUDIO && ((body[0] >> 4) & 0x0F) == 10 && body[1] == 0;
    }

    /** An AVC end-of-sequence marker (AVC packet type 2). */
    boolean isEndOfSequence() {
        return type == VIDEO && body.length >= 2 && (body[0] & 0x0F) == 7 && body[1] == 2;
    }

    boolean isKeyframe() {
        return type == VIDEO && isVideoKeyframe(body);
    }

    /** A coded keyframe (frame type 1), not the AVC sequence header that shares its frame type. */
    static boolean isVideoKeyframe(byte[] videoBody) {
        if (videoBody.length < 2 || ((videoBody[0] >> 4) & 0x0F) != 1) {
            return false;
        }
        return (videoBody[0] & 0x0F) != 7 || videoBody[1] == 1;
    }
}
