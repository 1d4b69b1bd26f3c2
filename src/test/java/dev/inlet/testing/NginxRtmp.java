package dev.inlet.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * nginx with the RTMP module, run as a reference server: to check the test clients' command lines, to record
 * real traffic, and to compare Inlet with. Unlike Inlet, nginx-rtmp publishes and plays under the same name.
 *
 * <p>Publishing is authorised through nginx-rtmp's {@code on_publish} HTTP callback, answered by a small HTTP
 * server in the test JVM. nginx-rtmp answers a denial by just closing the connection, without a status message.
 */
public final class NginxRtmp implements AutoCloseable {

    private static final String MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    private final ExternalProcess nginx;
    private final HttpServer publishAuthoriser;
    private final int port;

    private NginxRtmp(ExternalProcess nginx, HttpServer publishAuthoriser, int port) {
        this.nginx = nginx;
        this.publishAuthoriser = publishAuthoriser;
        this.port = port;
    }

    /** Starts nginx on a free port of 127.0.0.1, allowing publishes only to names {@code mayPublish} accepts. */
    public static NginxRtmp start(Path workDir, Predicate<String> mayPublish) {
        try {
            return start(workDir, mayPublish, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #start(Path, Predicate)}, on {@code port} (to start nginx again where it was). */
    public static NginxRtmp start(Path workDir, Predicate<String> mayPublish, int port) {
        HttpServer authoriser = startAuthoriser(mayPublish);
        try {
            Path prefix = workDir.resolve("nginx").toAbsolutePath();
            Files.createDirectories(prefix.resolve("logs"));
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, config(prefix, port, authoriser.getAddress().getPort()));
            ExternalProcess nginx = ExternalProcess.start("nginx", workDir, Duration.ofMinutes(15),
                    List.of("nginx", "-p", prefix.toString(), "-c", conf.toString()));
            awaitListening(port, nginx);
            return new NginxRtmp(nginx, authoriser, port);
        } catch (IOException e) {
            authoriser.stop(0);
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        nginx.close();
        publishAuthoriser.stop(0);
    }

    private static String config(Path prefix, int port, int authoriserPort) {
        return """
                load_module %s;
                daemon off;
                master_process off;
                worker_processes 1;
                pid %s;
                error_log %s info;
                events { worker_connections 1024; }
                rtmp {
                  server {
                    listen 127.0.0.1:%d;
                    chunk_size 4096;
                    application live {
                      live on;
                      record off;
                      idle_streams off;
                      on_publish http://127.0.0.1:%d/publish;
                    }
                  }
                }
                """.formatted(MODULE, prefix.resolve("nginx.pid"), prefix.resolve("logs/error.log"), port,
                authoriserPort);
    }

    /** nginx-rtmp POSTs the publish parameters form-encoded; any 2xx allows the publish, anything else denies. */
    private static HttpServer startAuthoriser(Predicate<String> mayPublish) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/publish", exchange -> {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
                String name = formValue(form, "name");
                int status = name != null && mayPublish.test(name) ? 204 : 403;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String formValue(String form, String key) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(key)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, ExternalProcess nginx) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + nginx.describe());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen on port " + port + ": " + nginx.describe());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
