package dev.inlet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the ingest benchmark's streams and their keys through the product's admin API, as an operator would:
 * {@code POST /streams {"code": "ingest-<i>"}}, then {@code POST /streams/ingest-<i>/keys {"priority": 1}}, whose
 * response holds the key (shown once). Writes the keys, one a line, to {@code --out}. Waits for the API first.
 *
 * <p>{@code ProvisionStreams --api http://127.0.0.1:8080/api/v1 --user admin --password PW --count 200 --out FILE}
 */
public final class ProvisionStreams {

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private ProvisionStreams() {
    }

    public static void main(String[] args) throws Exception {
        String api = null;
        String user = "admin";
        String password = null;
        int count = 0;
        Path out = null;
        long waitSeconds = 600;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--api" -> api = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--password" -> password = args[i + 1];
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--wait-seconds" -> waitSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (api == null || password == null || out == null || count < 1) {
            System.err.println("usage: ProvisionStreams --api URL --password PW --count N --out FILE [--user admin]");
            System.exit(2);
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitApi(http, api, auth, waitSeconds);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String code = "ingest-" + i;
            post(http, api + "/streams", auth, "{\"code\":\"" + code + "\"}", 201);
            String issued = post(http, api + "/streams/" + code + "/keys", auth, "{\"priority\":1}", 201);
            Matcher key = KEY.matcher(issued);
            if (!key.find()) {
                throw new IOException("no key in the response for " + code);
            }
            keys.append(key.group(1)).append('\n');
        }
        Files.writeString(out, keys);
        System.out.println("created " + count + " streams and keys through " + api);
    }

    private static void awaitApi(HttpClient http, String api, String auth, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/streams"))
                        .header("Authorization", auth).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IOException("the API did not answer within " + seconds + " s: " + last);
    }

    private static String post(HttpClient http, String url, String auth, String json, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("POST " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
