package dev.inlet.container;

import dev.inlet.ingest.RtmpServer;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped EAR on embedded Payara: it deploys, its RTMP server starts on the configured port
 * when the application starts, a real encoder (ffmpeg) can publish to it, and undeploying the
 * application closes the listener so the port is free again, without restarting the server.
 *
 * <p>The deployment is the real {@code target/inlet.ear} (built in the package phase) and is
 * deployed and undeployed by the tests themselves, in order, so the last test can check what
 * undeploying leaves behind. Failsafe sets {@code inlet.rtmp.host}, {@code inlet.rtmp.port} and
 * {@code inlet.demo.key} as system properties, which the application reads through MicroProfile Config.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RtmpServerContainerIT {

    private static final String DEPLOYMENT = "inlet";
    private static final String RTMP_HOST = "127.0.0.1";
    private static final int RTMP_PORT = Integer.getInteger("inlet.rtmp.port");
    private static final String PUBLISH_KEY = System.getProperty("inlet.demo.key");
    private static final long FFMPEG_TIMEOUT_SECONDS = 30;

    @ArquillianResource
    private Deployer deployer;

    @Inject
    private RtmpServer rtmpServer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive inletEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("inlet.it.ear")));
    }

    @Test
    @Order(1)
    @RunAsClient
    void theEarDeploys() {
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(DEPLOYMENT)
    void theRtmpServerListensOnTheConfiguredPortOnceTheApplicationStarts() {
        assertThat(rtmpServer.isRunning()).isTrue();
        assertThat(rtmpServer.boundPort()).isEqualTo(RTMP_PORT);
    }

    @Test
    @Order(3)
    @RunAsClient
    void ffmpegPublishesThreeSecondsOfVideoAndAudio() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "ffmpeg-publish-", ".log");
        String url = "rtmp://" + RTMP_HOST + ":" + RTMP_PORT + "/live/" + PUBLISH_KEY;
        Process ffmpeg = new ProcessBuilder(List.of(
                "timeout", "-k", "5", Long.toString(FFMPEG_TIMEOUT_SECONDS - 5),
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-re", "-f", "lavfi", "-i", "sine",
                "-t", "3",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25",
                "-c:a", "aac",
                "-rw_timeout", "5000000",
                "-f", "flv", url))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = ffmpeg.waitFor(FFMPEG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            ffmpeg.destroyForcibly().waitFor();
        }
        assertThat(exited).as("ffmpeg finished within %d s", FFMPEG_TIMEOUT_SECONDS).isTrue();
        assertThat(ffmpeg.exitValue())
                .as("ffmpeg exit status; its output:%n%s", Files.readString(log))
                .isZero();
    }

    @Test
    @Order(4)
    @RunAsClient
    void undeployingTheApplicationFreesTheRtmpPort() throws IOException {
        deployer.undeploy(DEPLOYMENT);

        assertThatThrownBy(() -> {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(RTMP_HOST, RTMP_PORT), 2000);
            }
        })
                .as("nothing listens on %s:%d any more", RTMP_HOST, RTMP_PORT)
                .isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(RTMP_HOST, RTMP_PORT));
            assertThat(again.getLocalPort()).isEqualTo(RTMP_PORT);
        }
    }
}
