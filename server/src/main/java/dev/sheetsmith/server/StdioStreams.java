package dev.sheetsmith.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * stdin and stdout of the stdio command, with the JSON-RPC requests read and the answers written
 * counted. The MCP SDK ends the session as soon as stdin ends; a client that writes its requests
 * and then closes stdin (a script, {@code printf ... | java -jar sheetsmith.jar stdio}) would lose
 * the answers. So the end of stdin is passed on only when every request read has been answered
 * (or after {@code maxWait}).
 */
final class StdioStreams {

    private static final JsonFactory JSON = new JsonFactory();

    private final Duration maxWait;
    private int owed;
    private boolean ended;

    StdioStreams(Duration maxWait) {
        this.maxWait = maxWait;
    }

    InputStream input(InputStream in) {
        return new FilterInputStream(in) {
            private final Lines lines = new Lines(true);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(b, off, len);
                } catch (IOException e) {
                    end();
                    throw e;
                }
                if (n < 0) {
                    lines.flush();
                    awaitAnswers();
                    end();
                    return -1;
                }
                lines.feed(b, off, n);
                return n;
            }
        };
    }

    OutputStream output(OutputStream out) {
        return new FilterOutputStream(out) {
            private final Lines lines = new Lines(false);

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                lines.feed(b, off, len);
            }
        };
    }

    /** Returns when stdin has ended (or failed) and the requests read before have been answered. */
    synchronized void awaitEnd() throws InterruptedException {
        while (!ended) {
            wait();
        }
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    private synchronized void awaitAnswers() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (owed > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void counted(int delta) {
        owed += delta;
        notifyAll();
    }

    /** Splits a stream into newline-delimited messages and counts requests (in) or answers (out). */
    private final class Lines {

        private final boolean inbound;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(boolean inbound) {
            this.inbound = inbound;
        }

        void feed(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    flush();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        void flush() {
            if (line.size() > 0) {
                int n = count(line.toByteArray());
                line.reset();
                if (n > 0) {
                    counted(inbound ? n : -n);
                }
            }
        }

        /** Requests (id and method) when inbound, answers (id, no method) when outbound; 0 for anything else. */
        private int count(byte[] message) {
            try (JsonParser parser = JSON.createParser(message)) {
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_ARRAY) {
                    int n = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        n += one(parser);
                    }
                    return n;
                }
                return first == JsonToken.START_OBJECT ? one(parser) : 0;
            } catch (IOException notJson) {
                return 0; // the SDK answers it with a parse error, or ignores it
            }
        }

        private int one(JsonParser parser) throws IOException {
            boolean id = false;
            boolean method = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name) && value != JsonToken.VALUE_NULL) {
                    id = true;
                } else if ("method".equals(name)) {
                    method = true;
                }
                parser.skipChildren();
            }
            return id && (method == inbound) ? 1 : 0;
        }
    }
}
