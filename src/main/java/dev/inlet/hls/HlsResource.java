package dev.inlet.hls;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The body of an init segment, a segment or a part: the muxer's byte arrays as they are (a segment is its parts'
 * arrays in order), so serving one copies nothing.
 *
 * @param contentType the HTTP media type
 * @param chunks      shared arrays, never modify them
 */
public record HlsResource(String contentType, List<byte[]> chunks) {

    public static final String INIT_TYPE = "video/mp4";
    public static final String SEGMENT_TYPE = "video/iso.segment";

    public HlsResource {
        chunks = List.copyOf(chunks);
    }

    /** The Content-Length. */
    public long length() {
        long length = 0;
        for (byte[] chunk : chunks) {
            length += chunk.length;
        }
        return length;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }
}
