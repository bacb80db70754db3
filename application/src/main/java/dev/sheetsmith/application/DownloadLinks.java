package dev.sheetsmith.application;

import dev.sheetsmith.ports.in.DownloadLink;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks download links: HMAC-SHA256 over file id, name and expiry, so a browser can
 * open a link without an API key and nobody can forge or extend one.
 */
public final class DownloadLinks {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    public DownloadLinks(byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the download secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DownloadLink linkFor(String fileId, String name) {
        Instant expires = clock.instant().plus(ttl);
        long exp = expires.getEpochSecond();
        return new DownloadLink("/files/" + pathSegment(fileId) + "/" + pathSegment(name) + "?exp=" + exp + "&sig="
                + sign(fileId, name, exp), Instant.ofEpochSecond(exp));
    }

    /** True only for an unexpired link signed by this server for exactly this file and name. */
    public boolean verify(String fileId, String name, long exp, String signature) {
        if (signature == null || fileId == null || name == null) {
            return false;
        }
        if (clock.instant().getEpochSecond() > exp) {
            return false;
        }
        byte[] expected = sign(fileId, name, exp).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A link to the picture of one sheet of a file's revision ({@code /pictures/ID/REV/N.png?exp=..&sig=..}),
     * signed apart from downloads (its message starts with "picture"), so neither kind of link opens the other.
     */
    public DownloadLink pictureLink(String fileId, int revision, int sheetIndex) {
        long exp = clock.instant().plus(ttl).getEpochSecond();
        return new DownloadLink("/pictures/" + pathSegment(fileId) + "/" + revision + "/" + sheetIndex + ".png?exp="
                + exp + "&sig=" + sign(PICTURE + fileId, revision + "/" + sheetIndex, exp), Instant.ofEpochSecond(exp));
    }

    /** True only for an unexpired picture link signed by this server for exactly this file, revision and sheet. */
    public boolean verifyPicture(String fileId, int revision, int sheetIndex, long exp, String signature) {
        return fileId != null && verify(PICTURE + fileId, revision + "/" + sheetIndex, exp, signature);
    }

    private static final String PICTURE = "picture\n";

    private String sign(String fileId, String name, long exp) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((fileId + "\n" + name + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * Percent-encodes everything but unreserved characters, so names with spaces or brackets
     * stay one clickable URL in Markdown.
     */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~").replace("(", "%28").replace(")", "%29").replace("!", "%21").replace("'", "%27");
    }
}
