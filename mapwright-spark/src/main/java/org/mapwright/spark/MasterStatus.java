package org.mapwright.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Spark master's JSON page ({@code http://<host>:<webui>/json/}): whether it is ALIVE and how many workers
 * it counts as alive. Two fields do not need a JSON library, and the page's layout is Spark's {@code JsonProtocol}.
 */
final class MasterStatus {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private MasterStatus() {
    }

    /** The page, or empty when the master does not answer within about three seconds. */
    static Optional<String> fetch(URI page) {
        try {
            HttpURLConnection c = (HttpURLConnection) page.toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean isAlive(String page) {
        Matcher m = STATUS.matcher(page);
        return m.find() && m.group(1).equals("ALIVE");
    }

    static OptionalInt aliveWorkers(String page) {
        Matcher m = ALIVE_WORKERS.matcher(page);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
