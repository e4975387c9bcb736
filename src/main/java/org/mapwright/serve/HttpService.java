package org.mapwright.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service on HTTP: {@code POST /} with one JSON request as the body answers with its JSON response;
 * {@code GET /version} and {@code GET /list} answer those requests without an id. The status is 200 for a result
 * and {@link ErrorCode#httpStatus()} for an error, whose body is the error response all the same. A body longer
 * than the limit is refused with 413 and not kept. The exchange is answered from the thread that finishes the
 * request, so the few threads that read requests never wait for a search, and a cancel is read while its target
 * runs.
 */
public final class HttpService implements AutoCloseable {
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private final HttpServer server;
    private final ExecutorService readers;
    private final Service service;
    private final int maxBodyBytes;

    private HttpService(HttpServer server, ExecutorService readers, Service service, int maxBodyBytes) {
        this.server = server;
        this.readers = readers;
        this.service = service;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Binds {@code host:port} (port 0: any free port, see {@link #port()}) and starts serving.
     *
     * @param maxBodyBytes the largest request body accepted
     */
    public static HttpService start(Service service, String host, int port, int maxBodyBytes) throws IOException {
        // without TCP_NODELAY a small response waits for the client's delayed acknowledgement, about 40 ms; the JDK's
        // server reads this once, when its first server starts
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mapwright-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpService h = new HttpService(server, readers, service, maxBodyBytes);
        server.createContext("/", h::handle);
        server.setExecutor(readers);
        server.start();
        return h;
    }

    /** The port bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where requests go, such as {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange x) {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (method.equals("GET") && (path.equals("/version") || path.equals("/list"))) {
                respond(x, service.get(path.substring(1)));
            } else if (!path.equals("/")) {
                respond(x, Service.error(null, ErrorCode.NOT_FOUND, "There is nothing at " + path + "; POST requests "
                        + "to / (GET /version and GET /list answer those requests)."));
            } else if (!method.equals("POST")) {
                respond(x, Service.error(null, ErrorCode.BAD_REQUEST, "POST requests to /, not " + method + "."),
                        405);
            } else {
                byte[] body = read(x);
                if (body == null) {
                    respond(x, Service.error(null, ErrorCode.TOO_LARGE, "The request body is longer than "
                            + maxBodyBytes + " bytes, the most this service accepts (serve --max-request-bytes)."));
                } else {
                    service.submit(new String(body, StandardCharsets.UTF_8)).thenAccept(r -> respond(x, r));
                }
            }
        } catch (IOException | RuntimeException e) {
            respond(x, Service.error(null, ErrorCode.INTERNAL, "The request could not be read: " + e + "."));
        }
    }

    /**
     * The body, or null when it is longer than the limit: the rest is then read and dropped, so that the client,
     * still sending, gets the error response rather than a closed connection.
     */
    private byte[] read(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return body;
        }
    }

    private static void respond(HttpExchange x, ObjectNode response) {
        ObjectNode error = (ObjectNode) response.get("error");
        int status = 200;
        if (error != null) {
            status = ErrorCode.valueOf(error.get("code").textValue().toUpperCase(java.util.Locale.ROOT)).httpStatus();
        }
        respond(x, response, status);
    }

    private static void respond(HttpExchange x, ObjectNode response, int status) {
        byte[] bytes = (Service.line(response) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = x.getResponseBody()) {
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            x.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // the client went away; nothing is left to answer
        } finally {
            x.close();
        }
    }

    /** Stops accepting requests, answers none still open, and stops the reading threads. */
    @Override
    public void close() {
        server.stop(0);
        readers.shutdownNow();
    }
}
