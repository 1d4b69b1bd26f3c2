package dev.inlet.srt;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds libsrt once per class loader. A machine without it is a supported configuration (the server runs without
 * SRT and says why), so loading never throws: {@link #load()} answers with the library or the reason it is missing.
 */
public final class SrtLibrary {

    /** Debian's OpenSSL build first (what the project installs), then the unversioned and GnuTLS names. */
    static final List<String> CANDIDATES = List.of("libsrt.so.1.5", "srt", "libsrt-gnutls.so.1.5");

    /** The option numbers and struct layout in {@link LibSrt} and {@link SrtStats} were taken from 1.5. */
    private static final int REQUIRED_MAJOR = 1;
    private static final int REQUIRED_MINOR = 5;

    private static volatile Status loaded;

    private SrtLibrary() {
    }

    /** The outcome of loading: the library, or the reason why there is none. */
    public record Status(Optional<LibSrt> library, String description) {

        public boolean available() {
            return library.isPresent();
        }

        /** The library; fails with the reason it could not be loaded. */
        public LibSrt require() {
            return library.orElseThrow(() -> new IllegalStateException("SRT is unavailable: " + description));
        }
    }

    /** Loads libsrt on the first call and answers the same status afterwards. */
    public static Status load() {
        Status status = loaded;
        if (status == null) {
            synchronized (SrtLibrary.class) {
                status = loaded;
                if (status == null) {
                    status = tryLoad(CANDIDATES);
                    loaded = status;
                }
            }
        }
        return status;
    }

    static Status tryLoad(List<String> names) {
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            LibSrt library;
            try {
                library = Native.load(name, LibSrt.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                failures.add(name + ": " + firstLine(e.getMessage()));
                continue;
            }
            int version;
            try {
                version = library.srt_getversion();
            } catch (UnsatisfiedLinkError e) {
                failures.add(name + ": not libsrt (" + firstLine(e.getMessage()) + ")");
                continue;
            }
            int major = (version >>> 16) & 0xff;
            int minor = (version >>> 8) & 0xff;
            String found = "libsrt %d.%d.%d (%s)".formatted(major, minor, version & 0xff, name);
            if (major != REQUIRED_MAJOR || minor != REQUIRED_MINOR) {
                failures.add(found + ": version %d.%d required".formatted(REQUIRED_MAJOR, REQUIRED_MINOR));
                continue;
            }
            // libsrt writes its warnings (every rejected handshake, every wrong passphrase) to stderr, which is the
            // server log; Inlet logs those events itself, with escaped peer text.
            library.srt_setloglevel(LibSrt.LOG_CRIT);
            return new Status(Optional.of(library), found);
        }
        return new Status(Optional.empty(), "libsrt 1.5 not found (install libsrt1.5-openssl): "
                + String.join("; ", failures));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
