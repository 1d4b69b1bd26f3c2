package dev.inlet.interop;

import dev.inlet.testing.NginxRtmp;
import java.nio.file.Path;

/**
 * The RTMP server under test, holding one stream whose play name is {@link #STREAM_CODE}.
 *
 * <p>By default that is Inlet's engine, started in the test JVM. With {@code -Dinlet.interop.target=nginx} the
 * same tests run against nginx-rtmp instead, which is how their client command lines were validated and how the
 * two servers can be compared. Only the URLs differ: Inlet publishes by secret key and plays by stream code,
 * nginx-rtmp uses one name for both.
 */
interface RtmpEndpoint extends AutoCloseable {

    String STREAM_CODE = "demo";
    String TARGET_PROPERTY = "inlet.interop.target";

    /** Where an encoder publishes the stream (with its key). */
    String publishUrl();

    /** Where a player plays the stream. */
    String playUrl();

    /** An arbitrary name under the {@code live} application, e.g. an unknown key or stream. */
    String url(String name);

    /** Short name of the server, for messages. */
    String serverName();

    @Override
    void close();

    static RtmpEndpoint start(Path workDir) {
        String target = System.getProperty(TARGET_PROPERTY, "inlet");
        return switch (target) {
            case "inlet" -> InletEndpoint.start();
            case "nginx" -> NginxEndpoint.start(workDir);
            default -> throw new IllegalArgumentException(TARGET_PROPERTY + " must be inlet or nginx, not " + target);
        };
    }

    /** nginx-rtmp as the server under test; the stream is published and played under its code. */
    final class NginxEndpoint implements RtmpEndpoint {
        private final NginxRtmp nginx;

        private NginxEndpoint(NginxRtmp nginx) {
            this.nginx = nginx;
        }

        static NginxEndpoint start(Path workDir) {
            return new NginxEndpoint(NginxRtmp.start(workDir, STREAM_CODE::equals));
        }

        @Override
        public String publishUrl() {
            return url(STREAM_CODE);
        }

        @Override
        public String playUrl() {
            return url(STREAM_CODE);
        }

        @Override
        public String url(String name) {
            return "rtmp://127.0.0.1:" + nginx.port() + "/live/" + name;
        }

        @Override
        public String serverName() {
            return "nginx-rtmp";
        }

        @Override
        public void close() {
            nginx.close();
        }
    }
}
