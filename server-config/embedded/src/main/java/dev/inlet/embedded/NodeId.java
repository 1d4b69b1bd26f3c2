package dev.inlet.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The registry's node id, kept in the data directory: a restarted node is the same node, so the registry
 * frees the leases its previous life left (a crash leaves them) instead of refusing its own encoders.
 */
final class NodeId {

    static final String FILE = "node-id";

    private NodeId() {
    }

    /** The id in the file, written first (owner-only) when the file is missing or empty. */
    static String ensure(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        String id = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        OwnerOnlyFiles.filesIn(file.toAbsolutePath().getParent());
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "inlet";
        }
    }
}
