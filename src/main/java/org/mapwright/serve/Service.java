package org.mapwright.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.mapwright.api.Mapwright;
import org.mapwright.diag.InputException;
import org.mapwright.diag.Suggestions;
import org.mapwright.netmap.UnmappableLayerException;
import org.mapwright.search.Cancellation;
import org.mapwright.search.SearchCancelledException;

/**
 * The mapping service without its transport: takes the text of one JSON request and answers with one JSON
 * response, never an exception. {@code version}, {@code list} and {@code cancel} are answered at once on the
 * caller's thread, so that a cancel is never queued behind the work it cancels; {@code layers}, {@code evaluate}
 * and {@code map} run on a pool of {@link Settings#threads()} threads, at most {@link Settings#maxPending()} of them
 * running or waiting (more are refused as {@link ErrorCode#BUSY}), and may finish in any order. A {@code map} runs
 * under a {@link Cancellation} token kept by its id while it waits and runs, so that {@code cancel} can stop it.
 *
 * <p>Every response carries {@code schema_version} and the request's {@code id} ({@code null} when the request had
 * none that could be read), and either {@code result} or {@code error} ({@code code} and {@code message}).
 */
public final class Service implements AutoCloseable {
    /** The version of the request and response schema this service speaks. */
    public static final int SCHEMA_VERSION = 1;

    /** The operations, as {@code op} names them. */
    public static final List<String> OPS = List.of("version", "list", "layers", "evaluate", "map", "cancel");

    /**
     * @param threads          requests run at once
     * @param maxPending       requests running or waiting at once; more are refused as busy
     * @param maxSearchThreads the largest {@code options.threads} a map request may ask for
     */
    public record Settings(int threads, int maxPending, int maxSearchThreads) {
        public Settings {
            if (threads < 1 || maxPending < 1 || maxSearchThreads < 1) {
                throw new IllegalArgumentException("The service needs at least one thread, one pending request and "
                        + "one search thread, got " + threads + ", " + maxPending + " and " + maxSearchThreads + ".");
            }
        }

        /** One request thread per processor, 1,024 pending requests, searches of up to 64 threads. */
        public static Settings defaults() {
            return new Settings(Math.max(1, Runtime.getRuntime().availableProcessors()), 1024, 64);
        }

        public Settings withThreads(int t) {
            return new Settings(t, maxPending, maxSearchThreads);
        }

        public Settings withMaxPending(int p) {
            return new Settings(threads, p, maxSearchThreads);
        }
    }

    private final Operations ops;
    private final Settings settings;
    private final ExecutorService pool;
    private final AtomicInteger pending = new AtomicInteger();
    /** The tokens of map requests waiting or running, by their id's JSON text. */
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();

    public Service(Mapwright mw, Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ops = new Operations(Objects.requireNonNull(mw, "mw"), settings.maxSearchThreads());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "mapwright-serve-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public Settings settings() {
        return settings;
    }

    /** Requests running or waiting now. */
    public int pending() {
        return pending.get();
    }

    /** The response to one request's text; the future never completes exceptionally. */
    public CompletableFuture<ObjectNode> submit(String text) {
        JsonNode req;
        try {
            req = ResultJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return done(error(null, ErrorCode.BAD_JSON, "The request is not JSON: " + reason(e) + location(e) + "."));
        } catch (RuntimeException | StackOverflowError e) {
            return done(error(null, ErrorCode.BAD_JSON, "The request is not JSON that can be read: " + e + "."));
        }
        if (req == null || req.isMissingNode()) {
            return done(error(null, ErrorCode.BAD_JSON, "The request is empty; send one JSON object."));
        }
        JsonNode id = req.get("id");
        try {
            return dispatch(checkEnvelope(req), id);
        } catch (RequestException e) {
            return done(error(Fields.isId(id) ? id : null, e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            return done(error(Fields.isId(id) ? id : null, ErrorCode.INTERNAL, "Internal error: " + e + ". This is "
                    + "a bug; please report it with the request."));
        }
    }

    /** The parser's reason, without the parts that name its internals. */
    private static String reason(JacksonException e) {
        String m = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        int internal = m.indexOf(" (start marker at ");
        return internal < 0 ? m : m.substring(0, internal);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /** The request as an object with a readable schema version, id and op. */
    private static ObjectNode checkEnvelope(JsonNode req) {
        if (!req.isObject()) {
            throw Fields.bad("A request is a JSON object with `schema_version`, `id` and `op`, got "
                    + Fields.describe(req) + ".");
        }
        JsonNode v = req.get("schema_version");
        if (v == null) {
            throw Fields.bad("The request has no `schema_version`; give \"schema_version\": " + SCHEMA_VERSION + ".");
        }
        if (!v.isIntegralNumber() || v.asLong() != SCHEMA_VERSION) {
            throw Fields.bad("This service speaks schema_version " + SCHEMA_VERSION + ", not " + Fields.describe(v)
                    + "; see docs/service.md.");
        }
        if (!Fields.isId(req.get("id"))) {
            throw Fields.bad("The request's `id` must be a string or a whole number, got "
                    + (req.get("id") == null ? "none" : Fields.describe(req.get("id"))) + ".");
        }
        JsonNode op = req.get("op");
        if (op == null || !op.isTextual()) {
            throw Fields.bad("The request's `op` must be one of " + String.join(", ", OPS) + ", got "
                    + (op == null ? "none" : Fields.describe(op)) + ".");
        }
        if (!OPS.contains(op.textValue())) {
            throw new RequestException(ErrorCode.UNKNOWN_OP, "Unknown op `" + op.textValue() + "`"
                    + Suggestions.closest(op.textValue(), OPS).map(c -> "; did you mean `" + c + "`?").orElse(".")
                    + " The ops are " + String.join(", ", OPS) + ".");
        }
        return (ObjectNode) req;
    }

    private CompletableFuture<ObjectNode> dispatch(ObjectNode req, JsonNode id) {
        String op = req.get("op").textValue();
        switch (op) {
            case "version":
                new Fields(req, "a version request", List.copyOf(Fields.ENVELOPE));
                return done(result(id, ops.version()));
            case "list":
                new Fields(req, "a list request", List.copyOf(Fields.ENVELOPE));
                return done(result(id, ops.list()));
            case "cancel":
                return done(result(id, cancel(req)));
            case "map":
                Cancellation token = Cancellation.create();
                String key = id.toString();
                if (running.putIfAbsent(key, token) != null) {
                    throw Fields.bad("A map request with id " + key + " is running already; give every request "
                            + "its own id.");
                }
                CompletableFuture<ObjectNode> f = run(id, () -> token.call(() -> ops.map(req)));
                if (f.isDone()) {
                    running.remove(key, token);
                } else {
                    f.whenComplete((r, e) -> running.remove(key, token));
                }
                return f;
            case "layers":
                return run(id, () -> ops.layers(req));
            default:
                return run(id, () -> ops.evaluate(req));
        }
    }

    private ObjectNode cancel(ObjectNode req) {
        new Fields(req, "a cancel request", List.of("schema_version", "id", "op", "target"));
        JsonNode target = req.get("target");
        if (!Fields.isId(target)) {
            throw Fields.bad("A cancel request needs `target`: the id of the map request to stop, a string or a "
                    + "whole number" + (target == null ? "" : ", got " + Fields.describe(target)) + ".");
        }
        Cancellation token = running.get(target.toString());
        if (token != null) {
            token.cancel();
        }
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.set("target", target);
        o.put("cancelled", token != null);
        return o;
    }

    /** Runs {@code work} on the pool, unless too many requests are pending. */
    private CompletableFuture<ObjectNode> run(JsonNode id, Supplier<ObjectNode> work) {
        if (pending.incrementAndGet() > settings.maxPending()) {
            pending.decrementAndGet();
            return done(error(id, ErrorCode.BUSY, "The service has " + settings.maxPending() + " requests running "
                    + "or waiting, as many as it accepts; send this one again when some have been answered."));
        }
        CompletableFuture<ObjectNode> f = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                ObjectNode response;
                try {
                    response = answer(id, work);
                } finally {
                    // before the answer is given, so that whoever has it may send another request at once
                    pending.decrementAndGet();
                }
                f.complete(response);
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            f.complete(error(id, ErrorCode.BUSY, "The service is shutting down; send the request to a running one."));
        }
        return f;
    }

    /** The work's result, or its failure as an error response. */
    private static ObjectNode answer(JsonNode id, Supplier<ObjectNode> work) {
        try {
            return result(id, work.get());
        } catch (RequestException e) {
            return error(id, e.code(), e.getMessage());
        } catch (InputException e) {
            return error(id, ErrorCode.BAD_INPUT, e.report());
        } catch (UnmappableLayerException e) {
            return error(id, ErrorCode.NO_MAPPING, e.getMessage());
        } catch (SearchCancelledException e) {
            return error(id, ErrorCode.CANCELLED, "The request was cancelled before it finished.");
        } catch (IllegalArgumentException e) {
            return error(id, ErrorCode.BAD_INPUT, e.getMessage());
        } catch (OutOfMemoryError e) {
            return error(id, ErrorCode.INTERNAL, "The service ran out of memory on this request; give its JVM more "
                    + "heap (java -Xmx8g -jar ...) or send smaller requests.");
        } catch (RuntimeException | Error e) {
            return error(id, ErrorCode.INTERNAL, "Internal error: " + e + ". This is a bug; please report it with "
                    + "the request.");
        }
    }

    private static CompletableFuture<ObjectNode> done(ObjectNode response) {
        return CompletableFuture.completedFuture(response);
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("schema_version", SCHEMA_VERSION);
        o.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        return o;
    }

    static ObjectNode result(JsonNode id, ObjectNode result) {
        ObjectNode o = envelope(id);
        o.set("result", result);
        return o;
    }

    /** An error response. */
    public static ObjectNode error(JsonNode id, ErrorCode code, String message) {
        ObjectNode o = envelope(id);
        ObjectNode e = o.putObject("error");
        e.put("code", code.code());
        e.put("message", message);
        return o;
    }

    /** The response to a {@code version} or {@code list} request without an id (HTTP's GET). */
    public ObjectNode get(String op) {
        return result(null, switch (op) {
            case "version" -> ops.version();
            case "list" -> ops.list();
            default -> throw new IllegalArgumentException("Only version and list can be got, not " + op + ".");
        });
    }

    /** A response as one line of JSON (no line breaks inside: strings escape theirs). */
    public static String line(ObjectNode response) {
        return response.toString();
    }

    /** Cancels every map request and stops the pool; requests still waiting are answered as cancelled. */
    @Override
    public void close() {
        running.values().forEach(Cancellation::cancel);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
