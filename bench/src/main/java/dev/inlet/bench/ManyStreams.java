package dev.inlet.bench;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Many small streams ({@code --streams N --streams-file FILE}): N publishers each replay the workload on their
 * own stream, and the {@code --players} players are spread over the streams round robin (player i plays stream
 * i mod N). The file has one line per stream, {@code <play name> <publish name>} (for Inlet the publish name is
 * the stream's key). Measured like the one-stream run: ramp, first keyframes, settle, window, grace; every
 * stream's latencies and counters are summed. {@code published_mbps} is all publishers together and
 * {@code delivered_fraction} compares each player with its own stream's publisher.
 */
final class ManyStreams {

    private ManyStreams() {
    }

    private record Stream(String playName, String publishName, Measurement measurement, Publisher publisher) {
    }

    static Summary run(Options options, long plannedMillis, long hardLimitMillis) throws Exception {
        List<String[]> names = readNames(options);
        Workload workload = Workload.load(options.flv());
        ProcessStats server = new ProcessStats(options.serverPids(), options.clockTicks());
        ProcessStats self = new ProcessStats(List.of(ProcessHandle.current().pid()), options.clockTicks());
        int logCapacity = (int) Math.min(1_000_000, (plannedMillis / 1000 + 120) * 200);
        long deadline = System.nanoTime() + hardLimitMillis * 1_000_000L;
        List<Stream> streams = new ArrayList<>();
        try {
            for (String[] name : names) {
                Measurement measurement = new Measurement(new SendLog(logCapacity));
                RtmpClient publishing = RtmpClient.connect(Options.HOST, options.port(), options.app(), LoadTool.CLIENT_TIMEOUT);
                int streamId = publishing.createStream();
                RtmpStatus status = publishing.publish(streamId, name[1]);
                if (!"NetStream.Publish.Start".equals(status.code())) {
                    publishing.close();
                    throw new IOException("publish of " + name[0] + " refused: " + status.code() + " " + status.description());
                }
                publishing.setChunkSize(4096);
                streams.add(new Stream(name[0], name[1], measurement,
                        new Publisher(publishing, streamId, workload, measurement.log, deadline)));
            }
            streams.forEach(stream -> stream.publisher().start());
            Thread.sleep(LoadTool.WARMUP_MILLIS);
            JvmHeap heap = options.jvmServer() ? new JvmHeap(options.serverPids().get(0)) : null;
            long heapBeforeKb = heap == null ? -1 : heap.liveKilobytesAfterGc();
            long rssBeforeKb = server.residentKilobytes();

            List<PlayerProbe> players = LoadTool.startPlayers(options,
                    i -> streams.get(i % streams.size()).measurement(), i -> streams.get(i % streams.size()).playName());
            LoadTool.awaitFirstKeyframes(players, LoadTool.FIRST_FRAME_WAIT_MILLIS);
            Thread.sleep(options.settleSeconds() * 1000L);

            long windowStart = System.nanoTime();
            double cpuStart = server.cpuSeconds();
            double selfCpuStart = self.cpuSeconds();
            long bytesStart = received(streams);
            long sentStart = sent(streams);
            for (Stream stream : streams) {
                stream.publisher().resetLag();
                stream.measurement().startWindow(windowStart);
            }
            LoadTool.sleepUntil(windowStart + options.seconds() * 1_000_000_000L);
            streams.forEach(stream -> stream.measurement().endWindow());
            long windowEnd = System.nanoTime();
            double cpuEnd = server.cpuSeconds();
            double selfCpuEnd = self.cpuSeconds();
            long bytesEnd = received(streams);
            long sentEnd = sent(streams);
            long rssAllKb = server.residentKilobytes();
            double publisherLag = streams.stream().mapToDouble(stream -> stream.publisher().maxLagMillis()).max().orElse(0);
            Thread.sleep(LoadTool.GRACE_MILLIS);
            long heapAllKb = heap == null ? -1 : heap.liveKilobytesAfterGc();

            // One measurement standing for all: the summed latencies and counters (its log is never read).
            Measurement all = new Measurement(new SendLog(1));
            for (Stream stream : streams) {
                all.latency.addAll(stream.measurement().latency);
                all.latencyWithCatchUp.addAll(stream.measurement().latencyWithCatchUp);
                all.unmatchedMessages.add(stream.measurement().unmatchedMessages.sum());
                all.mislabelledMessages.add(stream.measurement().mislabelledMessages.sum());
            }
            IOException publisherFailure = streams.stream().map(stream -> stream.publisher().failure())
                    .filter(failure -> failure != null).findFirst().orElse(null);
            double windowSeconds = (windowEnd - windowStart) / 1e9;
            long publishedBytes = sentEnd - sentStart;
            // summarise compares each player with "the" publisher: give it the mean publisher's bytes
            Summary summary = LoadTool.summarise(options, players, all, windowSeconds, bytesEnd - bytesStart,
                    publishedBytes / streams.size(), cpuEnd - cpuStart, selfCpuEnd - selfCpuStart, rssBeforeKb, rssAllKb,
                    heapBeforeKb, heapAllKb, publisherLag, publisherFailure);
            summary.put("published_mbps", publishedBytes * 8 / windowSeconds / 1e6);
            summary.put("streams", streams.size());
            players.forEach(PlayerProbe::close);
            return summary;
        } finally {
            for (Stream stream : streams) {
                try {
                    stream.publisher().close();
                } catch (IOException ignored) {
                    // the run is over
                }
            }
        }
    }

    private static List<String[]> readNames(Options options) throws IOException {
        List<String[]> names = new ArrayList<>();
        for (String line : Files.readAllLines(options.streamsFile())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2) {
                names.add(fields);
            }
        }
        if (names.size() < options.streams()) {
            throw new IOException(options.streamsFile() + " names " + names.size() + " streams, " + options.streams() + " wanted");
        }
        return names.subList(0, options.streams());
    }

    private static long received(List<Stream> streams) {
        return streams.stream().mapToLong(stream -> stream.measurement().receivedBytes.sum()).sum();
    }

    private static long sent(List<Stream> streams) {
        return streams.stream().mapToLong(stream -> stream.publisher().sentBytes()).sum();
    }
}
