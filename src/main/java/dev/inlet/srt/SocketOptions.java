package dev.inlet.srt;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;

import java.nio.charset.StandardCharsets;

/** Typed {@code srt_setsockflag}/{@code srt_getsockflag} on one socket; failures carry libsrt's reason. */
final class SocketOptions {

    private final LibSrt srt;
    private final int socket;

    SocketOptions(LibSrt srt, int socket) {
        this.srt = srt;
        this.socket = socket;
    }

    SocketOptions setInt(int option, String name, int value) throws SrtException {
        check(srt.srt_setsockflag(socket, option, new IntByReference(value), Integer.BYTES), name);
        return this;
    }

    /** Boolean options accept an {@code int}, which avoids guessing the C++ {@code bool} size. */
    SocketOptions setBoolean(int option, String name, boolean value) throws SrtException {
        return setInt(option, name, value ? 1 : 0);
    }

    SocketOptions setLong(int option, String name, long value) throws SrtException {
        try (Memory memory = new Memory(Long.BYTES)) {
            memory.setLong(0, value);
            check(srt.srt_setsockflag(socket, option, memory, Long.BYTES), name);
        }
        return this;
    }

    /** String options take their bytes without a terminating NUL. */
    SocketOptions setString(int option, String name, String value) throws SrtException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        check(srt.srt_setsockflag(socket, option, bytes, bytes.length), name);
        return this;
    }

    int getInt(int option, String name) throws SrtException {
        try (Memory memory = new Memory(Integer.BYTES)) {
            IntByReference length = new IntByReference(Integer.BYTES);
            check(srt.srt_getsockflag(socket, option, memory, length), name);
            return memory.getInt(0);
        }
    }

    long getLong(int option, String name) throws SrtException {
        try (Memory memory = new Memory(Long.BYTES)) {
            IntByReference length = new IntByReference(Long.BYTES);
            check(srt.srt_getsockflag(socket, option, memory, length), name);
            return memory.getLong(0);
        }
    }

    private void check(int result, String name) throws SrtException {
        if (result == LibSrt.SRT_ERROR) {
            throw SrtException.lastError(srt, "setting/getting " + name);
        }
    }
}
