package dev.inlet.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher was asked to do, read once from system properties and the environment
 * (a system property wins over the environment variable of the same meaning).
 *
 * @param ear            the application to deploy
 * @param httpHost       address the HTTP listener binds to
 * @param httpPort       port of the HTTP listener
 * @param rtmpPort       port the application's RTMP listener binds to
 * @param srtPort        UDP port the application's SRT listener binds to
 * @param publicHost     host name printed in the URLs a person copies into an encoder or player
 * @param payaraDir      where Payara keeps its configuration and its (per-run) instance directory
 * @param demoKey        publish key of the demo stream, if one was given
 * @param adminPassword  password of the API user {@code admin}, if one was given (else one is generated at first start)
 * @param database       an external database instead of the H2 file ({@code INLET_DB_URL}), for a cluster
 * @param nodeName       this node's name in the registry ({@code INLET_NODE_NAME}; else the one kept in the data dir)
 * @param advertiseAddress where the other nodes of a cluster reach this node's RTMP listener
 *                       ({@code INLET_CLUSTER_ADVERTISE_ADDRESS}; else the public host and the RTMP port)
 * @param clusterSecretGiven whether the cluster secret is configured ({@code INLET_CLUSTER_SECRET}): edge pulls are on
 * @param relaySecretGiven whether the relay secret is configured ({@code INLET_RELAY_SECRET}); else one is kept in the
 *                       data dir
 */
record LaunchSettings(Path ear, String httpHost, int httpPort, int rtmpPort, int srtPort, String publicHost,
                      Path payaraDir, Optional<String> demoKey, Optional<String> adminPassword,
                      Optional<ExternalDatabase> database, Optional<String> nodeName, String advertiseAddress,
                      boolean clusterSecretGiven, boolean relaySecretGiven) {

    static final String DEMO_KEY_PROPERTY = "inlet.demo.key";
    static final String RTMP_PORT_PROPERTY = "inlet.rtmp.port";
    static final String SRT_PORT_PROPERTY = "inlet.srt.port";
    static final String ADMIN_PASSWORD_PROPERTY = "inlet.admin.password";
    static final String ADVERTISE_ADDRESS_PROPERTY = "inlet.cluster.advertise-address";
    static final String RELAY_SECRET_PROPERTY = "inlet.relay.secret";

    static LaunchSettings from(Path ear, Map<String, String> env) {
        Source source = new Source(env);
        int rtmpPort = source.port(RTMP_PORT_PROPERTY, "INLET_RTMP_PORT").orElse(1935);
        String publicHost = source.text("inlet.public.host", "INLET_PUBLIC_HOST").orElse("localhost");
        return new LaunchSettings(
                ear,
                source.text("inlet.http.host", "INLET_HTTP_HOST").orElse("0.0.0.0"),
                source.port("inlet.http.port", "INLET_HTTP_PORT").orElse(8080),
                rtmpPort,
                source.port(SRT_PORT_PROPERTY, "INLET_SRT_PORT").orElse(8890),
                publicHost,
                Path.of(source.text("inlet.data.dir", "INLET_DATA_DIR").orElse("data"), "payara").toAbsolutePath(),
                source.text(DEMO_KEY_PROPERTY, "INLET_DEMO_KEY"),
                source.text(ADMIN_PASSWORD_PROPERTY, "INLET_ADMIN_PASSWORD"),
                source.text("inlet.db.url", "INLET_DB_URL").map(url -> new ExternalDatabase(url,
                        source.text("inlet.db.user", "INLET_DB_USER").orElse(null),
                        source.text("inlet.db.password", "INLET_DB_PASSWORD").orElse(null))),
                source.text("inlet.node.name", "INLET_NODE_NAME"),
                source.text(ADVERTISE_ADDRESS_PROPERTY, "INLET_CLUSTER_ADVERTISE_ADDRESS")
                        .orElse(publicHost + ":" + rtmpPort),
                source.text("inlet.cluster.secret", "INLET_CLUSTER_SECRET").isPresent(),
                source.text(RELAY_SECRET_PROPERTY, "INLET_RELAY_SECRET").isPresent());
    }

    /** Where the launcher keeps what outlives a run (the API users); Payara's directory is inside it. */
    Path dataDir() {
        return payaraDir.getParent();
    }

    @Override
    public String toString() {
        return "LaunchSettings[ear=" + ear + ", http=" + httpHost + ":" + httpPort + ", rtmpPort=" + rtmpPort + ", srtPort=" + srtPort
                + ", publicHost=" + publicHost + ", payaraDir=" + payaraDir + ", demoKey=" + demoKey.map(k -> "<set>")
                + ", adminPassword=" + adminPassword.map(p -> "<set>") + ", database=" + database + ", nodeName="
                + nodeName + ", advertiseAddress=" + advertiseAddress + ", clusterSecret=" + (clusterSecretGiven ? "<set>" : "none")
                + ", relaySecret=" + (relaySecretGiven ? "<set>" : "none") + "]";
    }

    /** Looks a setting up as a system property first, then as an environment variable. */
    private record Source(Map<String, String> env) {

        Optional<String> text(String property, String variable) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = env.get(variable);
            }
            return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
        }

        Optional<Integer> port(String property, String variable) {
            return text(property, variable).map(value -> {
                try {
                    int port = Integer.parseInt(value);
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    return port;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(property + " / " + variable + " is not a TCP port: " + value);
                }
            });
        }
    }
}
