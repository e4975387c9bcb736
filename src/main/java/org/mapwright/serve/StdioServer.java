package org.mapwright.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service on JSON lines: one request per line of the input, one response per line of the output, written as
 * each request finishes (so not necessarily in the order of the requests; the {@code id} tells them apart). A line
 * longer than the limit is answered with {@link ErrorCode#TOO_LARGE} and skipped without being kept in memory;
 * blank lines are ignored. At the end of the input the server answers every request it has read, then returns.
 */
public final class StdioServer {
    private StdioServer() {
    }

    /**
     * Serves until {@code in} ends.
     *
     * @param maxLineBytes the longest request line accepted, in bytes of UTF-8 without the line break
     */
    public static void run(Service service, InputStream in, PrintWriter out, int maxLineBytes) throws IOException {
        Set<CompletableFuture<?>> unanswered = ConcurrentHashMap.newKeySet();
        InputStream input = new BufferedInputStream(in, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        long lineNo = 0;
        while (true) {
            int b = input.read();
            if (b != '\n' && b != -1) {
                if (line.size() < maxLineBytes + 1) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
                continue;
            }
            if (b == -1 && line.size() == 0 && !tooLong) {
                break;
            }
            lineNo++;
            if (tooLong || line.size() > maxLineBytes) {
                write(out, Service.error(null, ErrorCode.TOO_LARGE, "Request line " + lineNo + " is longer than "
                        + maxLineBytes + " bytes, the most this service accepts (serve --max-request-bytes); it was "
                        + "skipped."));
            } else {
                String text = line.toString(StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    CompletableFuture<Void> f = service.submit(text).thenAccept(r -> write(out, r));
                    if (!f.isDone()) {
                        unanswered.add(f);
                        f.whenComplete((r, e) -> unanswered.remove(f));
                    }
                }
            }
            line.reset();
            tooLong = false;
            if (b == -1) {
                break;
            }
        }
        CompletableFuture.allOf(unanswered.toArray(CompletableFuture[]::new)).join();
    }

    private static void write(PrintWriter out, com.fasterxml.jackson.databind.node.ObjectNode response) {
        String text = Service.line(response);
        synchronized (out) {
            out.print(text);
            out.print('\n');
            out.flush();
        }
    }
}
