package dev.inlet.srt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of libsrt's C API (srt.h of SRT 1.5.1) that Inlet uses, as a JNA interface mapping.
 *
 * <p>Interface mapping rather than direct mapping: symbols are resolved on first call, so a library that lacks one
 * function still loads and fails only where that function is used, and the overloads below (one C function seen
 * with different Java argument types) need no hand-written marshalling. The per-call cost (a proxy dispatch, about a
 * microsecond) is small next to one 1316-byte live-mode message.
 *
 * <p>Every constant here is the numeric value from the 1.5.1 headers; {@link SrtLibrary} refuses other major/minor
 * versions so they cannot silently disagree. Sockets ({@code SRTSOCKET}) are {@code int}; {@code -1} means error,
 * with the reason in {@link #srt_getlasterror_str()} of the calling thread.
 */
public interface LibSrt extends Library {

    int SRT_ERROR = -1;
    int SRT_INVALID_SOCK = -1;

    // SRT_SOCKOPT
    int SRTO_SNDSYN = 1;
    int SRTO_RCVSYN = 2;
    int SRTO_RCVBUF = 6;
    int SRTO_MAXBW = 16;
    int SRTO_LATENCY = 23;
    int SRTO_PASSPHRASE = 26;
    int SRTO_PBKEYLEN = 27;
    int SRTO_KMSTATE = 28;
    int SRTO_RCVLATENCY = 43;
    int SRTO_PEERLATENCY = 44;
    int SRTO_STREAMID = 46;
    int SRTO_PAYLOADSIZE = 49;
    int SRTO_TRANSTYPE = 50;
    int SRTO_ENFORCEDENCRYPTION = 53;
    int SRTO_IPV6ONLY = 54;
    int SRTO_PEERIDLETIMEO = 55;

    // SRT_SOCKSTATUS values that mean a socket is done
    int SRTS_CONNECTED = 5;
    int SRTS_BROKEN = 6;
    int SRTS_CLOSING = 7;
    int SRTS_CLOSED = 8;
    int SRTS_NONEXIST = 9;

    // SRT_KM_STATE: the key material is agreed and in use
    int SRT_KM_S_SECURED = 2;

    // SRT_TRANSTYPE
    int SRTT_LIVE = 0;

    // SRT_ERRNO values the transport tells apart
    int SRT_ECONNLOST = 2001;
    int SRT_ENOCONN = 2002;
    int SRT_EINVSOCK = 5004;
    int SRT_EASYNCSND = 6001;
    int SRT_EASYNCRCV = 6002;

    // SRT_EPOLL_OPT
    int SRT_EPOLL_IN = 0x1;
    int SRT_EPOLL_OUT = 0x4;
    int SRT_EPOLL_ERR = 0x8;

    /** syslog level for srt_setloglevel: critical only (Inlet reports what matters itself). */
    int LOG_CRIT = 2;

    /** Size of one {@code SRT_EPOLL_EVENT} ({@code int fd; int events;}). */
    int EPOLL_EVENT_SIZE = 8;

    /** Largest live-mode payload (MTU 1500 minus UDP and SRT headers), and the MPEG-TS default of 7 × 188. */
    int SRT_LIVE_MAX_PLSIZE = 1456;
    int SRT_LIVE_DEF_PLSIZE = 1316;

    /** {@code srt_listen_callback_fn}: runs on libsrt's receiver thread during the handshake; -1 rejects. */
    interface ListenCallback extends Callback {
        int invoke(Pointer opaque, int newSocket, int handshakeVersion, Pointer peerAddress, Pointer streamId);
    }

    int srt_startup();

    int srt_cleanup();

    int srt_getversion();

    int srt_create_socket();

    int srt_bind(int socket, byte[] sockaddr, int length);

    int srt_listen(int socket, int backlog);

    int srt_accept(int socket, byte[] sockaddr, IntByReference length);

    /** Connects a caller socket (blocking unless SRTO_RCVSYN is off); after a rejection see srt_getrejectreason. */
    int srt_connect(int socket, byte[] sockaddr, int length);

    int srt_close(int socket);

    int srt_getsockname(int socket, byte[] sockaddr, IntByReference length);

    int srt_setsockflag(int socket, int option, IntByReference value, int length);

    int srt_setsockflag(int socket, int option, byte[] value, int length);

    int srt_setsockflag(int socket, int option, Pointer value, int length);

    int srt_getsockflag(int socket, int option, Pointer value, IntByReference length);

    int srt_listen_callback(int listener, ListenCallback callback, Pointer opaque);

    int srt_setrejectreason(int socket, int reason);

    int srt_getrejectreason(int socket);

    int srt_recvmsg(int socket, byte[] buffer, int length);

    int srt_recvmsg2(int socket, byte[] buffer, int length, Pointer messageControl);

    int srt_sendmsg(int socket, byte[] buffer, int length, int ttlMillis, int inOrder);

    int srt_sendmsg2(int socket, byte[] buffer, int length, Pointer messageControl);

    int srt_epoll_create();

    int srt_epoll_add_usock(int epoll, int socket, IntByReference events);

    int srt_epoll_remove_usock(int epoll, int socket);

    /** Fills up to {@code capacity} {@code SRT_EPOLL_EVENT}s; returns their number, 0 on timeout, -1 on error. */
    int srt_epoll_uwait(int epoll, Pointer events, int capacity, long timeoutMillis);

    int srt_epoll_release(int epoll);

    String srt_getlasterror_str();

    int srt_getlasterror(IntByReference systemErrno);

    void srt_clearlasterror();

    void srt_setloglevel(int level);

    int srt_bstats(int socket, Pointer stats, int clear);

    int srt_bistats(int socket, Pointer stats, int clear, int instantaneous);

    int srt_getsockstate(int socket);
}
