package dev.inlet.api.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in store's file: one user a line, {@code name:role,role:hash} ({@link PasswordHash} format),
 * {@code #} starts a comment. The launcher writes it under its data directory at first start.
 */
public final class CredentialsFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private CredentialsFile() {
    }

    /** The users in {@code file}. @throws IOException naming the line that is malformed */
    public static List<StoredUser> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<StoredUser> parse(List<String> lines, String source) throws IOException {
        List<StoredUser> users = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", 3);
            if (fields.length != 3 || !NAME.matcher(fields[0]).matches() || !fields[2].startsWith(PasswordHash.SCHEME + "$")) {
                throw new IOException(source + " line " + number + " is not name:role,role:" + PasswordHash.SCHEME + "$…");
            }
            LinkedHashSet<String> roles = new LinkedHashSet<>();
            Arrays.stream(fields[1].split(",")).map(String::strip).filter(role -> !role.isEmpty()).forEach(roles::add);
            users.add(new StoredUser(fields[0], roles, fields[2]));
        }
        return users;
    }

    /** Writes {@code users} to {@code file}, readable by the owner only where the file system allows. */
    public static void write(Path file, List<StoredUser> users) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Inlet built-in users: name:roles:password hash (PBKDF2). Edit with care; never store a plain password.");
        for (StoredUser user : users) {
            if (!NAME.matcher(user.name()).matches()) {
                throw new IllegalArgumentException("user names are 1 to 64 of A-Z a-z 0-9 . _ @ -");
            }
            lines.add(user.name() + ":" + String.join(",", user.roles()) + ":" + user.passwordHash());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".credentials", ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            OwnerOnly.restrict(temporary);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
