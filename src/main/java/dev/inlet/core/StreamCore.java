package dev.inlet.core;

import dev.inlet.text.LogText;
import dev.inlet.hub.StreamHub;
import dev.inlet.hub.StreamHubs;
import dev.inlet.media.TrackInfo;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stream core: the one place that admits, authorises, counts, lists, kicks and reports every publisher and
 * every reader, whatever its protocol. Protocol adapters (RTMP today; SRT, relays, HLS and recorders later) turn
 * bytes into frames and frames into bytes; they ask this core whether a publisher or a reader may start, and tell
 * it when one ends. Plain Java: the container's shell injects its collaborators and turns its callbacks into CDI
 * events.
 *
 * <p>Admission of a publisher: blocklist, registry look-up and lease, the publish authoriser, the stream's enabled
 * flag, then the stream's inputs (failover). Of a reader: the player limits, the play token of a private stream,
 * the play authoriser, then the play function (by default the stream's hub). Nothing here waits on an I/O thread:
 * registry, authorisers and private-stream look-ups complete on their own threads.
 */
public final class StreamCore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamCore.class.getName());
    /** How long a stream's "private" flag is believed before it is looked up again (API changes apply at once). */
    static final Duration PRIVACY_CACHE = Duration.ofSeconds(5);

    private final CoreSettings settings;
    private final Registry registry;
    private final PlayTokens tokens;
    private final StreamHubs hubs;
    private final SessionTracker sessions = new SessionTracker();
    private final RejectCounts rejects = new RejectCounts();
    private final AddressBlocklist publishBlocklist;
    private final Map<String, StreamCallbacks> callbacks = new ConcurrentHashMap<>();
    private final Map<String, StreamInputs> streams = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> graceTimers = new ConcurrentHashMap<>();
    private final List<java.util.function.BiConsumer<String, Boolean>> sourceObservers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, CachedPrivacy> privacy = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final ExecutorService lookups;
    private volatile PlayFunc playFunc;
    private volatile IngestListener ingestListener = IngestListener.NONE;
    private volatile PublishAuthorizer publishAuthorizer = PublishAuthorizer.ALLOW_ALL;
    private volatile PlayAuthorizer playAuthorizer = PlayAuthorizer.ALLOW_ALL;
    /** Asked after {@link #playAuthorizer} (the CDI observers): hooks such as on_play. */
    private final List<PlayAuthorizer> playHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Predicate<String> privateStreams;
    private volatile EdgeSource edgeSource = EdgeSource.NONE;
    /** Checks the proofs of other nodes' edge pulls; null while no cluster secret is configured. */
    private volatile EdgeTokens edgeTokens;

    private record CachedPrivacy(boolean isPrivate, long expiresNanos) {
    }

    public StreamCore(CoreSettings settings, Registry registry, PlayTokens tokens, ThreadFactory threadFactory) {
        this.settings = Objects.requireNonNull(settings);
        this.registry = Objects.requireNonNull(registry);
        this.tokens = Objects.requireNonNull(tokens);
        this.hubs = new StreamHubs(settings.gopCacheMaxBytes(), settings.backPressure());
        this.playFunc = new HubPlayFunc(hubs);
        this.publishBlocklist = new AddressBlocklist(settings.publishBlocking());
        this.timers = Executors.newSingleThreadScheduledExecutor(threadFactory);
        this.lookups = Executors.newFixedThreadPool(2, threadFactory);
        this.privateStreams = registry::isPlaybackPrivate;
        // With takeover on, a newer publisher may claim a slot: the one that lost it is disconnected.
        registry.setLeaseLostListener(lease -> kick(lease.sessionId(), "another publisher took over the stream key"));
    }

    // ---- hooks the container (or an embedding application) installs ----

    /** Replaces how readers are fed; null restores the default (the stream's hub). */
    public void setPlayFunc(PlayFunc func) {
        this.playFunc = func == null ? new HubPlayFunc(hubs) : func;
    }

    public void setStreamCallbacks(String streamCode, StreamCallbacks streamCallbacks) {
        if (streamCallbacks == null) {
            callbacks.remove(streamCode);
        } else {
            callbacks.put(streamCode, streamCallbacks);
        }
    }

    public void clearStreamCallbacks(String streamCode) {
        callbacks.remove(streamCode);
    }

    public void setIngestListener(IngestListener listener) {
        this.ingestListener = listener == null ? IngestListener.NONE : listener;
    }

    public void setPublishAuthorizer(PublishAuthorizer authorizer) {
        this.publishAuthorizer = authorizer == null ? PublishAuthorizer.ALLOW_ALL : authorizer;
    }

    public void setPlayAuthorizer(PlayAuthorizer authorizer) {
        this.playAuthorizer = authorizer == null ? PlayAuthorizer.ALLOW_ALL : authorizer;
    }

    /** Adds an authoriser asked after the one {@link #setPlayAuthorizer} installs (the on_play hook). */
    public void addPlayHook(PlayAuthorizer hook) {
        playHooks.add(java.util.Objects.requireNonNull(hook));
    }

    /**
     * How to tell whether a stream is private (its readers need a play token); null restores the registry's
     * answer ({@link Registry#isPlaybackPrivate}). It may block (a database look-up): it runs on the core's own
     * threads, and its answer is believed for a few seconds.
     */
    public void setPrivateStreams(Predicate<String> isPrivate) {
        this.privateStreams = isPrivate == null ? registry::isPlaybackPrivate : isPrivate;
        privacy.clear();
    }

    /** This node's administrators changed a stream's privacy: it applies to the next reader at once. */
    public void streamPrivacyChanged(String streamCode, boolean isPrivate) {
        privacy.put(streamCode, new CachedPrivacy(isPrivate, System.nanoTime() + PRIVACY_CACHE.toNanos()));
    }

    public PlayTokens tokens() {
        return tokens;
    }

    /** Where readers of a stream not published here get it from (the cluster's other nodes); null: nowhere. */
    public void setEdgeSource(EdgeSource source) {
        this.edgeSource = source == null ? EdgeSource.NONE : source;
    }

    /** How other nodes' edge pulls are checked; null refuses them all. */
    public void setEdgeTokens(EdgeTokens edgeTokens) {
        this.edgeTokens = edgeTokens;
    }

    /** Whether a stream that is not live here may still be pulled from another node for a reader. */
    public boolean canPullFromCluster() {
        return edgeSource != EdgeSource.NONE;
    }

    /**
     * Makes the stream fed here if another node publishes it and nothing here feeds it (see {@link EdgeSource#pull});
     * completes with whether it is fed here now.
     */
    public CompletionStage<Boolean> pullFromCluster(String streamCode) {
        if (isFedHere(streamCode)) {
            return CompletableFuture.completedFuture(true);
        }
        if (!StreamCodes.isValid(streamCode)) {
            return CompletableFuture.completedFuture(false); // no stream has such a name: nothing to look up
        }
        return edgeSource.pull(streamCode).exceptionally(failure -> {
            LOG.log(Level.WARNING, "pulling stream " + streamCode + " from the cluster failed", failure);
            return false;
        });
    }

    // ---- publishers ----

    /**
     * Admits a publisher: completes with its {@link Publication} (already one of the stream's inputs), or
     * exceptionally with an {@link AdmissionRefusedException}. The caller confirms the publish to the encoder,
     * then calls {@link Publication#started()}... through {@link #confirmed(Publication)}.
     */
    public CompletionStage<Publication> admitPublisher(PublishRequest request, PublisherConnection connection) {
        String host = hostOf(request.remoteAddress());
        Optional<Duration> blocked = publishBlocklist.blockedFor(host);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            LOG.log(Level.INFO, "publish from {0} refused: blocked for another {1} s after too many failed attempts",
                    new Object[]{request.remoteAddress(), seconds});
            return refused(new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PUBLISH_BLOCKED,
                    "too many failed attempts, try again in " + seconds + " s"));
        }
        return registry.acquireAsync(request.key(), request.sessionId(), request.remoteAddress())
                .handle((lease, failure) -> failure == null ? lease : refusePublish(request, failure))
                .thenCompose(lease -> authorizePublish(request, lease))
                .thenApply(lease -> startPublication(request, lease, connection));
    }

    private Lease refusePublish(PublishRequest request, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Refusal refusal;
        if (cause instanceof UnknownStreamKeyException e) {
            publishBlocklist.failed(hostOf(request.remoteAddress()));
            refusal = new Refusal(Refusal.Kind.NOT_FOUND, RejectCounts.PUBLISH_UNKNOWN_KEY, e.getMessage());
        } else if (cause instanceof StreamAlreadyActiveException e) {
            refusal = new Refusal(Refusal.Kind.CONFLICT, RejectCounts.PUBLISH_STREAM_BUSY, e.getMessage());
        } else if (cause instanceof RegistryException e) {
            refusal = new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PUBLISH_REFUSED_BY_REGISTRY, e.getMessage());
        } else {
            LOG.log(Level.WARNING, "stream registry failed for a publish from " + request.remoteAddress(), cause);
            refusal = new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.PUBLISH_REGISTRY_UNAVAILABLE,
                    "stream registry unavailable, try again later");
        }
        if (cause instanceof RegistryException) {
            LOG.log(Level.INFO, "publish from {0} over {1} refused: {2}",
                    new Object[]{request.remoteAddress(), request.protocol(), cause.getMessage()});
        }
        rejects.count(refusal.counter());
        throw refusal.exception();
    }

    private CompletionStage<Lease> authorizePublish(PublishRequest request, Lease lease) {
        PublishAttempt attempt = new PublishAttempt(lease.slot().streamCode(), lease.slot().priority(), lease.keyPrefix(),
                request.remoteAddress(), request.app(), request.tcUrl(), request.client());
        CompletableFuture<Optional<String>> decision;
        try {
            decision = publishAuthorizer.authorize(attempt).toCompletableFuture();
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        return decision.orTimeout(settings.authorizationTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((denial, failure) -> {
                    Refusal refusal = null;
                    if (failure != null) {
                        LOG.log(Level.WARNING, "publish authorisation for " + lease.slot().streamCode() + " failed", failure);
                        refusal = new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.PUBLISH_AUTHORISATION_FAILED,
                                "publish authorisation failed");
                    } else if (denial.isPresent()) {
                        refusal = new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PUBLISH_DENIED, denial.get());
                        LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} denied: {3}", new Object[]{
                                lease.slot().streamCode(), lease.keyPrefix(), request.remoteAddress(), LogText.of(denial.get())});
                    }
                    if (refusal != null) {
                        registry.release(lease);
                        rejects.count(refusal.counter());
                        throw refusal.exception();
                    }
                    return lease;
                });
    }

    private Publication startPublication(PublishRequest request, Lease lease, PublisherConnection connection) {
        String code = lease.slot().streamCode();
        int priority = lease.slot().priority();
        StreamInputs stream = streamFor(code);
        if (stream.isDisabled()) {
            registry.release(lease);
            Refusal refusal = new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PUBLISH_STREAM_DISABLED,
                    "stream " + code + " is disabled");
            rejects.count(refusal.counter());
            throw refusal.exception();
        }
        attachInput(stream, StreamInputs.localSlot(priority));
        // Asked for every message: an empty map (the usual case) answers without hashing the code.
        Publication publication = new Publication(request, lease, stream,
                () -> callbacks.isEmpty() ? null : callbacks.get(code), () -> ingestListener,
                connection, this::publicationEnded);
        sessions.add(lease.sessionId(), publication);
        LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} over {3} started",
                new Object[]{code, lease.keyPrefix(), request.remoteAddress(), request.protocol()});
        return publication;
    }

    /** The adapter confirmed the publish to the encoder: observers hear of it now. */
    public void confirmed(Publication publication) {
        publication.started();
    }

    /** A new input joins the stream's inputs: it ends the reconnect grace, and opens a hub if the stream has none. */
    private void attachInput(StreamInputs stream, int slot) {
        synchronized (stream) {
            var grace = graceTimers.remove(stream.code());
            if (grace != null) {
                grace.cancel(false);
            }
            stream.inputStarted(slot, stream.needsHub() ? hubs.open(stream.code()) : stream.hub());
        }
    }

    private void publicationEnded(Publication publication, String reason, boolean clean) {
        detachInput(publication.streamCode(), StreamInputs.localSlot(publication.priority()), reason, clean);
        registry.release(publication.lease());
        sessions.remove(publication.lease().sessionId());
    }

    /**
     * When the last input ended, readers are ended at once after a clean unpublish, or after the reconnect grace
     * when the encoder dropped (it may come back and they continue).
     */
    private void detachInput(String streamCode, int slot, String reason, boolean clean) {
        StreamInputs stream = streamFor(streamCode);
        String cause = clean ? "unpublish" : reason != null && reason.startsWith("no data") ? "timeout" : "error";
        synchronized (stream) {
            if (!stream.inputEnded(slot, cause)) {
                return;
            }
            if (clean || settings.reconnectGrace().isZero() || timers.isShutdown()) {
                endPlayback(stream, "publisher of " + streamCode + " has gone");
            } else {
                graceTimers.put(streamCode, timers.schedule(() -> {
                    synchronized (stream) {
                        graceTimers.remove(streamCode);
                        if (!stream.hasInputs()) {
                            endPlayback(stream, "publisher of " + streamCode + " did not come back");
                        }
                    }
                }, settings.reconnectGrace().toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    private void endPlayback(StreamInputs stream, String reason) {
        StreamHub hub = stream.endPlayback();
        if (hub != null) {
            hubs.close(hub, reason);
        }
    }

    // ---- edge pulls: this node serves another node's stream ----

    /**
     * An input for the frames pulled from {@code originNode}, which publishes {@code streamCode}'s input of
     * {@code priority}: it joins the stream's inputs with its first frame (see {@link EdgeInput}).
     */
    public EdgeInput openEdgeInput(String streamCode, int priority, String originNode) {
        return new EdgeInput(streamCode, priority, originNode, streamFor(streamCode), new EdgeInput.Owner() {
            @Override
            public void attach(EdgeInput input) {
                attachInput(streamFor(input.streamCode()), input.slot());
                LOG.log(Level.INFO, "stream {0}: pulling input {1} from node {2}",
                        new Object[]{input.streamCode(), input.priority(), LogText.of(input.origin())});
            }

            @Override
            public void detach(EdgeInput input, String reason, boolean clean) {
                LOG.log(Level.INFO, "stream {0}: pull of input {1} from node {2} ended: {3}", new Object[]{
                        input.streamCode(), input.priority(), LogText.of(input.origin()), LogText.of(reason)});
                detachInput(input.streamCode(), input.slot(), reason, clean);
            }
        });
    }

    /**
     * Whether an input (a publisher here, or a pull) feeds the stream now. A hub can be live without one: it waits
     * the reconnect grace for its publisher, who may come back on another node, so a reader then still asks the
     * cluster.
     */
    private boolean isFedHere(String streamCode) {
        StreamInputs stream = streams.get(streamCode);
        return stream != null && stream.hasInputs();
    }

    /**
     * Tells {@code observer} when the players of a stream start being fed by a publisher of this node (true: at a
     * first publish, or when a switch moves them from a pull of another node to a local input) or stop being (false:
     * a first activation of a pull, or a switch to one). Relays and recordings run on the node whose publisher feeds the
     * stream, so they follow this. Called
     * on the publisher's thread with the stream locked: it must only hand the work on.
     */
    public void addActiveSourceObserver(java.util.function.BiConsumer<String, Boolean> observer) {
        sourceObservers.add(observer);
    }

    /** Whether the stream's players are fed by a publisher of this node (or were last, during the grace). */
    public boolean isFedFromHere(String streamCode) {
        StreamInputs stream = streams.get(streamCode);
        return stream != null && stream.isFedByLocalInput();
    }

    /** Whether a publisher of this node feeds the stream (rather than only an edge pull, or nothing). */
    public boolean isPublishedHere(String streamCode) {
        StreamInputs stream = streams.get(streamCode);
        return stream != null && stream.hasLocalInput();
    }

    /** How many readers the stream's hub feeds here now (players and server readers). */
    public int readersOf(String streamCode) {
        return hubs.live(streamCode).map(StreamHub::subscriberCount).orElse(0);
    }

    /**
     * Admits another node's edge pull of a stream published here: the proof must be signed with the cluster
     * secret for this stream, and a publisher of this node must feed it (a node never serves what it pulls itself,
     * so pulls never chain or loop). Not a viewer: no limits, play token or authoriser, but listed (protocol
     * {@code edge}), kickable and evented like one.
     */
    public CompletionStage<Reading> admitEdgeReader(ReadRequest request, String proof, Player player) {
        String stream = request.streamName();
        EdgeTokens verifier = edgeTokens;
        EdgeTokens.Verdict verdict = verifier == null ? null : verifier.verify(stream, proof);
        if (verdict != EdgeTokens.Verdict.VALID) {
            String why = verifier == null
                    ? "edge pulls are not enabled on this node (set the same inlet.cluster.secret on every node)"
                    : verdict == EdgeTokens.Verdict.EXPIRED ? "the edge pull's proof has expired (are the nodes' clocks "
                    + "in step?)" : "the edge pull's proof is not signed with this cluster's secret";
            LOG.log(Level.WARNING, "edge pull of {0} by node {1} from {2} refused: {3}", new Object[]{stream,
                    EdgeTokens.nodeOf(proof), request.info().remoteAddress(), why});
            return refused(new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PLAY_EDGE_REFUSED, why));
        }
        if (!isPublishedHere(stream)) {
            return refused(new Refusal(Refusal.Kind.NOT_FOUND, RejectCounts.PLAY_STREAM_NOT_FOUND,
                    "stream " + stream + " is not published on this node"));
        }
        Reading reading = new Reading(request, player, this);
        sessions.add(request.sessionId(), reading);
        try {
            return CompletableFuture.completedFuture(startReading(reading, player, true));
        } catch (RuntimeException e) {
            sessions.remove(request.sessionId());
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- readers ----

    /**
     * Admits a reader: completes with its {@link Reading} once it is counted, authorised and fed (the catch-up
     * frames may already have reached {@code player}), or exceptionally with an {@link AdmissionRefusedException}.
     * Completes on the calling thread when nothing needs a look-up or an authoriser's answer.
     */
    public CompletionStage<Reading> admitReader(ReadRequest request, Player player) {
        return admit(request, player, true);
    }

    /**
     * Admits a viewer that the server feeds from a shared output rather than from the hub (an HLS client reads the
     * stream's one HLS muxer): the same limits, tokens, authorisers, listing, kicking and events as
     * {@link #admitReader}, but no subscription of its own. Refused as not found while the stream is not live.
     */
    public CompletionStage<Reading> admitViewer(ReadRequest request, Player viewer) {
        return admit(request, viewer, false);
    }

    /**
     * Feeds a reader the server itself runs (an HLS muxer; recorders and relays later) from the stream's hub, with
     * the same catch-up as a player: not a viewer, so no limits, token, session or events. Close the handle to stop.
     *
     * @throws StreamNotFoundException if the stream is not live
     */
    public AutoCloseable attachServerReader(String streamName, PlayInfo info, Player reader)
            throws StreamNotFoundException, IOException {
        return playFunc.play(streamName, info, reader);
    }

    /**
     * Whether a request for a stream's shared output (an HLS segment, which carries no session) may be answered:
     * the stream is public, or {@code token} is valid for it. Nothing is counted or listed.
     */
    public CompletionStage<Boolean> mayRead(String streamCode, String token) {
        if (tokens.verify(streamCode, token) == PlayTokens.Verdict.VALID) {
            return CompletableFuture.completedFuture(true);
        }
        return isPrivate(streamCode).thenApply(isPrivate -> !isPrivate);
    }

    private CompletionStage<Reading> admit(ReadRequest request, Player player, boolean feedFromHub) {
        Reading reading = new Reading(request, player, this);
        String stream = request.streamName();
        String limit = sessions.admitPlayer(request.sessionId(), reading, stream, settings.maxPlayersPerStream(),
                settings.maxPlayers());
        if (limit != null) {
            return refused(new Refusal(Refusal.Kind.LIMIT, RejectCounts.PLAY_LIMIT, limit));
        }
        return checkToken(request)
                .thenCompose(tokenValid -> authorizePlay(request, tokenValid))
                .thenCompose(allowed -> isFedHere(stream) || !canPullFromCluster()
                        ? CompletableFuture.completedFuture(true) : pullFromCluster(stream))
                .thenApply(live -> startReading(reading, player, feedFromHub))
                .whenComplete((admitted, failure) -> {
                    if (failure != null) {
                        sessions.remove(request.sessionId());
                    }
                });
    }

    /** Completes with whether a valid token was presented; refuses a private stream's reader without one. */
    private CompletionStage<Boolean> checkToken(ReadRequest request) {
        String stream = request.streamName();
        PlayTokens.Verdict verdict = tokens.verify(stream, request.token());
        if (verdict == PlayTokens.Verdict.VALID) {
            return CompletableFuture.completedFuture(true);
        }
        return isPrivate(stream).thenApply(isPrivate -> {
            if (!isPrivate) {
                return false;
            }
            Refusal refusal = switch (verdict) {
                case MISSING -> new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PLAY_TOKEN_MISSING,
                        "stream " + stream + " is private: a play token is required");
                case EXPIRED -> new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PLAY_TOKEN_EXPIRED,
                        "the play token has expired");
                default -> new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PLAY_TOKEN_INVALID,
                        "the play token is not valid for stream " + stream);
            };
            LOG.log(Level.INFO, "play of {0} from {1} over {2} refused: {3}",
                    new Object[]{stream, request.info().remoteAddress(), request.protocol(), refusal.message()});
            rejects.count(refusal.counter());
            throw refusal.exception();
        });
    }

    /**
     * The stream's own encryption of SRT connections, read from the registry on the core's look-up threads; a
     * failed read is a refusal (unavailable), never a silent fallback to the server-wide passphrase.
     */
    public CompletionStage<StreamEncryption> streamEncryption(String streamCode) {
        return CompletableFuture.supplyAsync(() -> registry.streamEncryption(streamCode), lookups)
                .exceptionally(failure -> {
                    LOG.log(Level.WARNING, "cannot read the encryption settings of stream " + streamCode, failure);
                    rejects.count(RejectCounts.SRT_SETTINGS_UNAVAILABLE);
                    throw new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.SRT_SETTINGS_UNAVAILABLE,
                            "the stream's settings are unavailable, try again later").exception();
                });
    }

    private CompletionStage<Boolean> isPrivate(String streamCode) {
        CachedPrivacy cached = privacy.get(streamCode);
        if (cached != null && System.nanoTime() - cached.expiresNanos() < 0) {
            return CompletableFuture.completedFuture(cached.isPrivate());
        }
        Predicate<String> lookup = privateStreams;
        return CompletableFuture.supplyAsync(() -> {
            boolean isPrivate = lookup.test(streamCode);
            privacy.put(streamCode, new CachedPrivacy(isPrivate, System.nanoTime() + PRIVACY_CACHE.toNanos()));
            return isPrivate;
        }, lookups).exceptionally(failure -> {
            LOG.log(Level.WARNING, "cannot tell whether stream " + streamCode + " is private", failure);
            Refusal refusal = new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.PLAY_AUTHORISATION_FAILED,
                    "play authorisation unavailable, try again later");
            rejects.count(refusal.counter());
            throw refusal.exception();
        });
    }

    private CompletionStage<Boolean> authorizePlay(ReadRequest request, boolean tokenValid) {
        PlayAuthorizer authorizer = playAuthorizer;
        if (authorizer == PlayAuthorizer.ALLOW_ALL && playHooks.isEmpty()) {
            return CompletableFuture.completedFuture(true); // nobody to ask: admitted on this thread, no hop
        }
        for (PlayAuthorizer hook : playHooks) {
            authorizer = authorizer.andThen(hook);
        }
        PlayInfo info = request.info();
        PlayAttempt attempt = new PlayAttempt(request.protocol(), request.streamName(), request.sessionId(),
                info.remoteAddress(), info.app(), info.flashVer(), tokenValid);
        CompletableFuture<Optional<String>> decision;
        try {
            decision = authorizer.authorize(attempt).toCompletableFuture();
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        return decision.orTimeout(settings.authorizationTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((denial, failure) -> {
                    Refusal refusal = null;
                    if (failure != null && AdmissionRefusedException.of(failure) == null) {
                        LOG.log(Level.WARNING, "play authorisation for " + request.streamName() + " failed", failure);
                        refusal = new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.PLAY_AUTHORISATION_FAILED,
                                "play authorisation failed");
                    } else if (failure == null && denial.isPresent()) {
                        refusal = new Refusal(Refusal.Kind.FORBIDDEN, RejectCounts.PLAY_DENIED, denial.get());
                        LOG.log(Level.INFO, "play of {0} from {1} over {2} denied: {3}", new Object[]{
                                request.streamName(), info.remoteAddress(), request.protocol(), LogText.of(denial.get())});
                    }
                    if (refusal != null) {
                        rejects.count(refusal.counter());
                        throw refusal.exception();
                    }
                    return true;
                });
    }

    private Reading startReading(Reading reading, Player player, boolean feedFromHub) {
        ReadRequest request = reading.request();
        if (reading.isClosed()) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.PLAY_FAILED, "the reader left").exception();
        }
        AutoCloseable feed;
        try {
            if (!feedFromHub && !isLive(request.streamName())) {
                throw new StreamNotFoundException(request.streamName());
            }
            feed = feedFromHub ? playFunc.play(request.streamName(), request.info(), player) : () -> { };
        } catch (StreamNotFoundException e) {
            rejects.count(RejectCounts.PLAY_STREAM_NOT_FOUND);
            throw new Refusal(Refusal.Kind.NOT_FOUND, RejectCounts.PLAY_STREAM_NOT_FOUND, e.getMessage()).exception();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "play function failed for " + request.streamName(), e);
            rejects.count(RejectCounts.PLAY_FAILED);
            throw new Refusal(Refusal.Kind.UNAVAILABLE, RejectCounts.PLAY_FAILED, "playback could not start").exception();
        }
        reading.feed(feed);
        // FINE: a flash crowd of joins would queue on the log handler's lock; readers are listed and evented anyway.
        LOG.log(Level.FINE, "{0} plays {1} over {2}",
                new Object[]{request.info().remoteAddress(), request.streamName(), request.protocol()});
        PlayerView view = reading.view();
        notifyListener(l -> l.playerConnected(view));
        return reading;
    }

    /** A reader's {@link Reading#close}: free its slot and tell observers. */
    void readerLeft(Reading reading, String reason) {
        sessions.remove(reading.id());
        if (reading.admitted()) {
            PlayerView view = reading.view();
            notifyListener(l -> l.playerDisconnected(view, reason));
        }
    }

    // ---- what administrators see and do ----

    public List<PublisherView> publishers() {
        return sessions.publishers();
    }

    public List<PlayerView> players() {
        return sessions.players();
    }

    /** Disconnects the publisher or reader with this id, whatever its protocol; false if there is none. */
    public boolean kick(String sessionId, String reason) {
        return sessions.kick(sessionId, reason);
    }

    public StreamStatus streamStatus(String streamCode) {
        StreamInputs stream = streams.get(streamCode);
        return stream == null ? new StreamStatus(streamCode, StreamState.IDLE, 0, List.of(), List.of()) : stream.status();
    }

    public boolean switchInput(String streamCode, int priority) {
        StreamInputs stream = streams.get(streamCode);
        return stream != null && stream.force(priority);
    }

    public void setStreamEnabled(String streamCode, boolean enabled) {
        streamFor(streamCode).setDisabled(!enabled);
        if (!enabled) {
            publishers().stream().filter(p -> p.streamCode().equals(streamCode))
                    .forEach(p -> kick(p.id(), "stream " + streamCode + " was disabled"));
        }
    }

    public List<LiveStream> liveStreams() {
        return hubs.all().stream().filter(hub -> !hub.isEnded())
                .map(hub -> new LiveStream(hub.name(), hub.stats())).toList();
    }

    public boolean isLive(String streamCode) {
        return hubs.live(streamCode).isPresent();
    }

    public Optional<List<TrackInfo>> tracks(String streamCode) {
        return hubs.live(streamCode).map(hub -> hub.tracks().snapshot());
    }

    public List<BlockedAddress> blockedAddresses() {
        return publishBlocklist.blocked();
    }

    /** Told of each address this node starts refusing for failed publishes (to share it with other nodes). */
    public void onPublishBlock(java.util.function.Consumer<BlockedAddress> listener) {
        publishBlocklist.setBlockListener(listener);
    }

    /** Refuses publishes from {@code address} for {@code left}, as another node decided. */
    public void applyPublishBlock(String address, Duration left, int blocks) {
        publishBlocklist.applyBlock(address, left, blocks);
    }

    public boolean unblock(String address) {
        boolean wasBlocked = publishBlocklist.unblock(address);
        if (wasBlocked) {
            LOG.log(Level.INFO, "publishes from {0} are allowed again", address);
        }
        return wasBlocked;
    }

    /** Publishes and plays refused per reason since start (fixed labels, see {@link RejectCounts}). */
    public Map<String, Long> rejectReasons() {
        return rejects.snapshot();
    }

    /**
     * Ends every stream now: each reader is told the stream is over (for RTMP players StreamEOF, UnpublishNotify and
     * Play.Stop), while the transports still run. Players that join later get the usual answer for a stream without
     * a publisher.
     *
     * @return how many streams were still running
     */
    public int endStreams(String reason) {
        graceTimers.values().forEach(timer -> timer.cancel(false));
        graceTimers.clear();
        int ended = 0;
        for (var hub : hubs.all()) {
            if (!hub.isEnded()) {
                hub.end(reason);
                ended++;
            }
        }
        return ended;
    }

    /** Ends every stream and stops the core's threads. Idempotent. */
    @Override
    public void close() {
        timers.shutdownNow();
        lookups.shutdownNow();
        endStreams("server stopping");
        joinQuietly();
    }

    private void joinQuietly() {
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
            lookups.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StreamInputs streamFor(String streamCode) {
        return streams.computeIfAbsent(streamCode, code -> new StreamInputs(code, new StreamInputs.Observer() {
            @Override
            public void stateChanged(String c, StreamState from, StreamState to) {
                LOG.log(Level.INFO, "stream {0}: {1} -> {2}", new Object[]{c, from, to});
                notifyListener(l -> l.streamStateChanged(c, from, to));
            }

            @Override
            public void activeSourceChanged(String c, boolean local) {
                for (var observer : sourceObservers) {
                    try {
                        observer.accept(c, local);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "an active-source observer failed", e);
                    }
                }
            }

            @Override
            public void switched(String c, InputSwitch change) {
                LOG.log(Level.INFO, "stream {0}: players switched from input {1} to {2} ({3})",
                        new Object[]{c, change.fromPriority(), change.toPriority(), change.reason()});
                notifyListener(l -> l.inputSwitched(c, change));
            }
        }));
    }

    private void notifyListener(Consumer<IngestListener> call) {
        try {
            call.accept(ingestListener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ingest listener failed", e);
        }
    }

    private <T> CompletionStage<T> refused(Refusal refusal) {
        rejects.count(refusal.counter());
        return CompletableFuture.failedFuture(refusal.exception());
    }

    /** The peer's address without the port ("ip:port", the port after the last colon also for IPv6). */
    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
