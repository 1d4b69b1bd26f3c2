package dev.inlet.api.security;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashTest {

    @Test
    void derivesThePublishedPbkdf2HmacSha256Vector() {
        // P = "password", S = "salt", c = 4096, dkLen = 32: the widely published test vector for PBKDF2-HMAC-SHA256.
        byte[] derived = PasswordHash.derive("password".toCharArray(), "salt".getBytes(), 4096, 32);
        assertThat(HexFormat.of().formatHex(derived))
                .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    }

    @Test
    void verifiesAHashInTheStoredFormatWrittenByAnotherTool() {
        // The same vector in the file format: pbkdf2-sha256$iterations$base64(salt)$base64(hash), unpadded.
        String stored = "pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o";
        assertThat(PasswordHash.verify("password".toCharArray(), stored)).isTrue();
        assertThat(PasswordHash.verify("Password".toCharArray(), stored)).isFalse();
    }

    @Test
    void hashesAreSaltedAndVerify() {
        String first = PasswordHash.hash("s3cret".toCharArray(), 1000);
        String second = PasswordHash.hash("s3cret".toCharArray(), 1000);

        assertThat(first).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(second).doesNotContain("s3cret");
        assertThat(PasswordHash.verify("s3cret".toCharArray(), first)).isTrue();
        assertThat(PasswordHash.verify("s3cret".toCharArray(), second)).isTrue();
        assertThat(PasswordHash.verify("s3cret!".toCharArray(), first)).isFalse();
    }

    @Test
    void theDefaultCostFollowsCurrentGuidance() {
        assertThat(PasswordHash.hash("x".toCharArray())).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void malformedOrHostileHashesAreRefusedWithoutException() {
        char[] password = "password".toCharArray();
        assertThat(PasswordHash.verify(password, null)).isFalse();
        assertThat(PasswordHash.verify(password, "")).isFalse();
        assertThat(PasswordHash.verify(password, "plain-password")).isFalse();
        assertThat(PasswordHash.verify(password, "md5$1$c2FsdA$xeR41ZKI")).isFalse();
        assertThat(PasswordHash.verify(password, "pbkdf2-sha256$x$c2FsdA$xeR41ZKI")).isFalse();
        assertThat(PasswordHash.verify(password, "pbkdf2-sha256$4096$***$xeR41ZKI")).isFalse();
        assertThat(PasswordHash.verify(password, "pbkdf2-sha256$2000000000$c2FsdA$xeR41ZKI")).isFalse();
        assertThat(PasswordHash.verify(password, "pbkdf2-sha256$0$c2FsdA$xeR41ZKI")).isFalse();
    }

    @Test
    void anUnmatchableHashIsWellFormedAtTheGivenCostAndMatchesNothing() {
        String unmatchable = PasswordHash.unmatchable(1000);

        assertThat(PasswordHash.iterations(unmatchable)).isEqualTo(1000);
        assertThat(PasswordHash.verify("".toCharArray(), unmatchable)).isFalse();
        assertThat(PasswordHash.verify("password".toCharArray(), unmatchable)).isFalse();
        assertThat(PasswordHash.unmatchable(1000)).as("salted afresh").isNotEqualTo(unmatchable);
    }

    @Test
    void theIterationCountIsReadOnlyFromAcceptableHashes() {
        assertThat(PasswordHash.iterations("pbkdf2-sha256$4096$c2FsdA$xeR41ZKI")).isEqualTo(4096);
        assertThat(PasswordHash.iterations("pbkdf2-sha256$2000000000$c2FsdA$xeR41ZKI")).isZero();
        assertThat(PasswordHash.iterations("pbkdf2-sha256$x$c2FsdA$xeR41ZKI")).isZero();
        assertThat(PasswordHash.iterations("md5$1$c2FsdA$xeR41ZKI")).isZero();
        assertThat(PasswordHash.iterations(null)).isZero();
    }
}
