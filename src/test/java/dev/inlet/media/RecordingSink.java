package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/** Keeps every tag written to it. */
final class RecordingSink implements FlvTagSink {

    record Tag(int type, long timestamp, byte[] body) {
        boolean isVideoSequenceHeader() {
            return type == VIDEO && FlvVideoTag.parse(body).isSequenceHeader();
        }

        boolean isAudioSequenceHeader() {
            return type == AUDIO && FlvAudioTag.parse(body).isSequenceHeader();
        }

        String label() {
            if (type == SCRIPT_DATA) {
                return "meta@" + timestamp;
            }
            if (type == VIDEO) {
                return (isVideoSequenceHeader() ? "vseq" : "video") + "@" + timestamp;
            }
            return (isAudioSequenceHeader() ? "aseq" : "audio") + "@" + timestamp;
        }
    }

    final List<Tag> tags = new ArrayList<>();

    @Override
    public void writeTag(int tagType, long timestampMs, byte[] body) {
        tags.add(new Tag(tagType, timestampMs, body));
    }

    List<String> labels() {
        return tags.stream().map(Tag::label).toList();
    }
}
