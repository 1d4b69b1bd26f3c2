package dev.inlet.registry;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Fifty encoders publish one key at the same instant through the real RTMP server: exactly one gets in. */
class PublishRaceTest {

    private static final int PUBLISHERS = 50;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exactlyOneOfFiftySimultaneousPublishesStarts(TestDatabase database) throws Exception {
        DataSource dataSource = database.emptyDatabase();
        String key = new Seed(dataSource).key("race", 1);
        RegistrySettings settings = RegistrySettings.defaults().withNodeId("race-node");
        List<RtmpClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try (RtmpNode node = new RtmpNode(dataSource, settings, Duration.ofSeconds(10))) {
            for (int i = 0; i < PUBLISHERS; i++) {
                clients.add(node.client());
            }
            List<Integer> streams = new ArrayList<>();
            for (RtmpClient client : clients) {
                streams.add(client.createStream());
            }
            CyclicBarrier start = new CyclicBarrier(PUBLISHERS);
            List<Future<RtmpStatus>> answers = new ArrayList<>();
            for (int i = 0; i < PUBLISHERS; i++) {
                RtmpClient client = clients.get(i);
                int stream = streams.get(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.publish(stream, "live/" + key);
                }));
            }
            List<RtmpStatus> statuses = new ArrayList<>();
            for (Future<RtmpStatus> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertThat(statuses).filteredOn(s -> s.code().equals(NetStatus.PUBLISH_START)).hasSize(1);
            assertThat(statuses).filteredOn(s -> s.code().equals(NetStatus.PUBLISH_BAD_NAME)).hasSize(PUBLISHERS - 1)
                    .allSatisfy(s -> assertThat(s.description()).contains("already publishing"));
            assertThat(new Seed(dataSource).count("inlet_publisher_lease")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            for (RtmpClient client : clients) {
                client.close();
            }
        }
    }
}
