package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StdioStreamsTest {

    private static byte[] lines(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEndOfStdinWaitsUntilEveryRequestReadIsAnswered() throws Exception {
        StdioStreams streams = new StdioStreams(Duration.ofSeconds(30));
        InputStream in = streams.input(new ByteArrayInputStream(lines(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"x\":[1,{\"id\":9}]}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"tools/call\"}")));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream out = streams.output(written);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try {
                streams.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Thread.sleep(300);
        assertThat(reader).isNotDone();
        // A request of the server's own (id and method) is no answer; a notification neither.
        out.write(lines("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"));
        Thread.sleep(300);
        assertThat(reader).isNotDone();
        assertThat(ended).isNotDone();
        // Written in two pieces, as a stream may be.
        byte[] last = lines("{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"error\":{\"code\":-1,\"message\":\"m\"}}");
        out.write(last, 0, 10);
        out.write(last, 10, last.length - 10);
        assertThat(reader.get(5, TimeUnit.SECONDS)).hasSizeGreaterThan(100);
        ended.get(5, TimeUnit.SECONDS);
    }

    @Test
    void withoutAnswersTheEndOfStdinPassesAfterTheLongestWait() throws Exception {
        StdioStreams streams = new StdioStreams(Duration.ofMillis(200));
        InputStream in = streams.input(new ByteArrayInputStream(lines("{\"id\":1,\"method\":\"tools/call\"}",
                "not json at all")));
        long start = System.nanoTime();
        in.readAllBytes();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        streams.awaitEnd();
    }
}
