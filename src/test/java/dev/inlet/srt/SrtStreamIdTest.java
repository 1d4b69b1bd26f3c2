package dev.inlet.srt;

import dev.inlet.srt.SrtStreamId.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtStreamIdTest {

    @Test
    void accessControlPublish() throws Exception {
        assertThat(SrtStreamId.parse("#!::r=abc123,m=publish"))
                .isEqualTo(new SrtStreamId(Mode.PUBLISH, "abc123", Optional.empty()));
    }

    @Test
    void accessControlStripsTheApplicationName() throws Exception {
        assertThat(SrtStreamId.parse("#!::r=live/abc123,m=publish").resource()).isEqualTo("abc123");
    }

    @Test
    void accessControlModeDefaultsToPublish() throws Exception {
        assertThat(SrtStreamId.parse("#!::r=abc123").mode()).isEqualTo(Mode.PUBLISH);
    }

    @Test
    void accessControlKeysInAnyOrderWithOthersIgnored() throws Exception {
        assertThat(SrtStreamId.parse("#!::u=alice,m=request,h=example.com,r=cam1,s=42,x-vendor=1"))
                .isEqualTo(new SrtStreamId(Mode.REQUEST, "cam1", Optional.empty()));
    }

    @Test
    void accessControlRequestWithToken() throws Exception {
        assertThat(SrtStreamId.parse("#!::r=cam1,m=request,t=s3cr3t"))
                .isEqualTo(new SrtStreamId(Mode.REQUEST, "cam1", Optional.of("s3cr3t")));
    }

    @Test
    void accessControlTokenSuffixOnTheResource() throws Exception {
        assertThat(SrtStreamId.parse("#!::r=live/cam1?token=abc,m=request"))
                .isEqualTo(new SrtStreamId(Mode.REQUEST, "cam1", Optional.of("abc")));
    }

    @Test
    void shortPublish() throws Exception {
        assertThat(SrtStreamId.parse("publish:abc123"))
                .isEqualTo(new SrtStreamId(Mode.PUBLISH, "abc123", Optional.empty()));
    }

    @Test
    void shortPublishWithApplicationName() throws Exception {
        assertThat(SrtStreamId.parse("publish:live/abc123"))
                .isEqualTo(new SrtStreamId(Mode.PUBLISH, "abc123", Optional.empty()));
    }

    @Test
    void shortRead() throws Exception {
        assertThat(SrtStreamId.parse("read:cam1"))
                .isEqualTo(new SrtStreamId(Mode.REQUEST, "cam1", Optional.empty()));
    }

    @Test
    void shortReadWithToken() throws Exception {
        assertThat(SrtStreamId.parse("read:live/cam1?token=t0k"))
                .isEqualTo(new SrtStreamId(Mode.REQUEST, "cam1", Optional.of("t0k")));
    }

    @Test
    void bareKeyPublishes() throws Exception {
        assertThat(SrtStreamId.parse("abc123"))
                .isEqualTo(new SrtStreamId(Mode.PUBLISH, "abc123", Optional.empty()));
    }

    @Test
    void bareKeyWithApplicationName() throws Exception {
        assertThat(SrtStreamId.parse("live/abc123").resource()).isEqualTo("abc123");
    }

    @Test
    void onlyOneLeadingApplicationNameIsRemoved() throws Exception {
        assertThat(SrtStreamId.parse("publish:live/live/x").resource()).isEqualTo("live/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "#!::",
            "#!::m=publish",
            "#!::r=",
            "#!::r=live/",
            "#!::r=a,r=b",
            "#!::r=a,,m=publish",
            "#!::r=a,=x",
            "#!::r=a,novalue",
            "#!::{r=a}",
            "#!::r=a,t=",
            "#!::r=a?token=x,t=y",
            "#!::r=a?user=x",
            "publish:",
            "publish:live/",
            "publish:a b",
            "publish:a\nb",
            "read:",
            "read:x?token=",
            "play:abc",
            "abc?foo=bar",
            "?token=abc",
    })
    void malformedIsABadRequest(String raw) {
        assertThatThrownBy(() -> SrtStreamId.parse(raw))
                .isInstanceOfSatisfying(InvalidStreamIdException.class,
                        e -> assertThat(e.rejectReason()).isEqualTo(SrtRejectReason.BAD_REQUEST));
    }

    @Test
    void missingIsABadRequest() {
        assertThatThrownBy(() -> SrtStreamId.parse(null)).isInstanceOf(InvalidStreamIdException.class);
    }

    @Test
    void tooLongIsABadRequest() {
        assertThatThrownBy(() -> SrtStreamId.parse("publish:" + "k".repeat(SrtStreamId.MAX_LENGTH)))
                .isInstanceOf(InvalidStreamIdException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#!::r=a,m=bidirectional", "#!::r=a,m=", "#!::r=a,m=PUBLISH"})
    void unsupportedModeIsABadMode(String raw) {
        assertThatThrownBy(() -> SrtStreamId.parse(raw))
                .isInstanceOfSatisfying(InvalidStreamIdException.class,
                        e -> assertThat(e.rejectReason()).isEqualTo(SrtRejectReason.BAD_MODE));
    }

    @Test
    void messagesEscapePeerText() {
        assertThatThrownBy(() -> SrtStreamId.parse("#!::r=a\r\nFAKE LOG LINE,r=b"))
                .hasMessageNotContaining("\n")
                .hasMessageContaining("\\u000a");
    }

    @Test
    void toStringHidesTheToken() throws Exception {
        assertThat(SrtStreamId.parse("read:cam?token=secret").toString()).doesNotContain("secret");
    }
}
