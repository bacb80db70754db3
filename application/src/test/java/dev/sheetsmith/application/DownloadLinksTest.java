package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.ports.in.DownloadLink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DownloadLinksTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Pattern PARTS = Pattern.compile("/files/([^/]+)/([^?]+)\\?exp=(\\d+)&sig=(.+)");

    private final DownloadLinks links = new DownloadLinks(SECRET, Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aFreshLinkVerifiesAndExpiresAfterTheTtl() {
        DownloadLink link = links.linkFor("abc", "report.xlsx");
        Matcher m = parts(link);
        assertThat(link.expires()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(links.verify("abc", "report.xlsx", Long.parseLong(m.group(3)), m.group(4))).isTrue();

        DownloadLinks later = new DownloadLinks(SECRET, Duration.ofDays(7),
                Clock.fixed(NOW.plus(Duration.ofDays(7)).plusSeconds(1), ZoneOffset.UTC));
        assertThat(later.verify("abc", "report.xlsx", Long.parseLong(m.group(3)), m.group(4))).isFalse();
    }

    @Test
    void anyChangeToIdNameExpiryOrSignatureIsRefused() {
        Matcher m = parts(links.linkFor("abc", "report.xlsx"));
        long exp = Long.parseLong(m.group(3));
        String sig = m.group(4);
        assertThat(links.verify("abd", "report.xlsx", exp, sig)).isFalse();
        assertThat(links.verify("abc", "report2.xlsx", exp, sig)).isFalse();
        assertThat(links.verify("abc", "report.xlsx", exp + 1, sig)).isFalse();
        assertThat(links.verify("abc", "report.xlsx", exp, sig.substring(1) + "A")).isFalse();
        assertThat(links.verify("abc", "report.xlsx", exp, null)).isFalse();
        DownloadLinks otherSecret = new DownloadLinks("another-secret-another-secret-0123".getBytes(StandardCharsets.UTF_8),
                Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherSecret.verify("abc", "report.xlsx", exp, sig)).isFalse();
    }

    @Test
    void aPictureLinkOpensOnlyItsFileRevisionAndSheetAndNoDownloadOrTheOtherWayRound() {
        DownloadLink link = links.pictureLink("abc", 3, 1);
        Matcher m = Pattern.compile("/pictures/abc/3/1\\.png\\?exp=(\\d+)&sig=(.+)").matcher(link.pathAndQuery());
        assertThat(m.matches()).as(link.pathAndQuery()).isTrue();
        long exp = Long.parseLong(m.group(1));
        String sig = m.group(2);
        assertThat(links.verifyPicture("abc", 3, 1, exp, sig)).isTrue();
        assertThat(links.verifyPicture("abc", 2, 1, exp, sig)).isFalse();
        assertThat(links.verifyPicture("abc", 3, 0, exp, sig)).isFalse();
        assertThat(links.verifyPicture("abd", 3, 1, exp, sig)).isFalse();
        assertThat(links.verifyPicture("abc", 3, 1, exp + 1, sig)).isFalse();
        // signed apart: a picture's signature is no download's, and a download's no picture's
        assertThat(links.verify("abc", "3/1", exp, sig)).isFalse();
        Matcher download = parts(links.linkFor("abc", "3/1"));
        assertThat(links.verifyPicture("abc", 3, 1, exp, download.group(4))).isFalse();
    }

    @Test
    void namesWithSpacesAndBracketsStayOneUrlSegment() {
        DownloadLink link = links.linkFor("abc", "Q1 report (2) ü.xlsx");
        assertThat(link.pathAndQuery()).startsWith("/files/abc/Q1%20report%20%282%29%20%C3%BC.xlsx?exp=")
                .doesNotContain(" ").doesNotContain("(").doesNotContain(")");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new DownloadLinks(new byte[16], Duration.ofDays(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static Matcher parts(DownloadLink link) {
        Matcher m = PARTS.matcher(link.pathAndQuery());
        assertThat(m.matches()).as(link.pathAndQuery()).isTrue();
        return m;
    }
}
