package dev.sheetsmith.adapters.http.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sheetsmith.adapters.http.tools.LargeRequests;
import dev.sheetsmith.adapters.http.web.RequestGuardFilter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Large /mcp bodies, read as a stream instead of whole: a create_excel_file or append_rows call's
 * rows go to scratch files as they arrive ({@link LargeRequests}) and the SDK gets the small
 * message that is left. The rows are deleted when the request ends. The body limit, Host/Origin
 * guard, key and session checks stay where they were: they run before the body is read.
 */
final class StreamedBodies {

    private static final String ATTRIBUTE = StreamedBodies.class.getName();

    private StreamedBodies() {
    }

    static boolean applies(HttpServletRequest req) {
        return LargeRequests.streams(req.getContentLengthLong(), null);
    }

    /** The message as text (rows replaced by references), or null after answering a body that is no JSON. */
    static String read(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        LargeRequests.Read<String> read;
        try (InputStream in = req.getInputStream()) {
            read = LargeRequests.message(in);
        } catch (RequestGuardFilter.BodyTooLargeException e) {
            throw e;
        } catch (JsonProcessingException e) {
            boolean encoding = String.valueOf(e.getOriginalMessage()).contains("UTF-8");
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, null, JsonRpcErrors.PARSE_ERROR, encoding
                    ? "Parse error: the body is not valid UTF-8; send JSON encoded as UTF-8."
                    : "Parse error: the body must be one JSON-RPC 2.0 message (request, notification or response).");
            return null;
        }
        req.setAttribute(ATTRIBUTE, read);
        return read.value();
    }

    /** After the servlet's handling: the rows go when the answer is written (now, or when the async answer ends). */
    static void release(HttpServletRequest req) {
        if (!(req.getAttribute(ATTRIBUTE) instanceof Closeable spills)) {
            return;
        }
        if (req.isAsyncStarted()) {
            try {
                req.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        close(spills);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        close(spills);
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        close(spills);
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        // still running
                    }
                });
                return;
            } catch (IllegalStateException finished) {
                // the answer was already written
            }
        }
        close(spills);
    }

    private static void close(Closeable spills) {
        try {
            spills.close();
        } catch (IOException ignored) {
            // a scratch file that could not be deleted is left to the temp directory's cleaning
        }
    }
}
