package dev.inlet.api.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignerTest {

    private static final byte[] BODY = "{\"event\":\"on_publish\",\"stream\":\"demo\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void referenceHmacMatchesRfc4231() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(HmacReference.hex("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // RFC 4231, test case 6: a key longer than the block size is hashed first
        byte[] longKey = new byte[131];
        java.util.Arrays.fill(longKey, (byte) 0xaa);
        assertThat(HmacReference.hex(longKey,
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void signsTheTimestampADotAndTheBody() {
        WebhookSigner signer = new WebhookSigner("s3cret-shared");
        String signed = "1700000000." + new String(BODY, StandardCharsets.UTF_8);
        assertThat(signer.signature(1_700_000_000L, BODY)).isEqualTo("sha256=" + HmacReference.hex(
                "s3cret-shared".getBytes(StandardCharsets.UTF_8), signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSecretIsUsedAsItsUtf8Bytes() {
        WebhookSigner signer = new WebhookSigner("clé");
        assertThat(signer.signature(5, new byte[0])).isEqualTo("sha256=" + HmacReference.hex(
                "clé".getBytes(StandardCharsets.UTF_8), "5.".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void verifiesAFreshSignatureAndRejectsTampering() {
        WebhookSigner signer = new WebhookSigner("s3cret-shared");
        Instant now = Instant.ofEpochSecond(1_700_000_100L);
        String signature = signer.signature(1_700_000_000L, BODY);

        assertThat(signer.verify("1700000000", signature, BODY, now, FIVE_MINUTES)).isTrue();
        byte[] tampered = BODY.clone();
        tampered[10] ^= 1;
        assertThat(signer.verify("1700000000", signature, tampered, now, FIVE_MINUTES)).isFalse();
        assertThat(signer.verify("1700000001", signature, BODY, now, FIVE_MINUTES)).as("timestamp is signed").isFalse();
        assertThat(new WebhookSigner("other").verify("1700000000", signature, BODY, now, FIVE_MINUTES)).isFalse();
    }

    @Test
    void rejectsReplaysOutsideTheToleranceAndMalformedHeaders() {
        WebhookSigner signer = new WebhookSigner("k");
        String signature = signer.signature(1000, BODY);
        assertThat(signer.verify("1000", signature, BODY, Instant.ofEpochSecond(1000 + 301), FIVE_MINUTES)).isFalse();
        assertThat(signer.verify("1000", signature, BODY, Instant.ofEpochSecond(1000 - 301), FIVE_MINUTES)).isFalse();
        assertThat(signer.verify("1000", signature, BODY, Instant.ofEpochSecond(1000 + 300), FIVE_MINUTES)).isTrue();
        assertThat(signer.verify(null, signature, BODY, Instant.ofEpochSecond(1000), FIVE_MINUTES)).isFalse();
        assertThat(signer.verify("x", signature, BODY, Instant.ofEpochSecond(1000), FIVE_MINUTES)).isFalse();
        assertThat(signer.verify("1000", signature.substring(7), BODY, Instant.ofEpochSecond(1000), FIVE_MINUTES)).isFalse();
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> new WebhookSigner("")).isInstanceOf(IllegalArgumentException.class);
    }
}
