package org.mapwright.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mapwright.api.MapOptions;
import org.mapwright.api.Mapwright;
import org.mapwright.dsl.DslWriter;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.UnmappableLayerException;
import org.mapwright.workload.Network;

/**
 * Load and faults: 8 clients, each on its own HTTP connection, send 1,000 requests in all to one service: small maps
 * met before (answered from the cache) and new ones, quick requests, malformed ones, and long maps that another
 * client cancels mid-search. Every valid map must equal the facade's own answer, every fault its error, and
 * afterwards the service must still answer, with nothing pending, its cache within bounds and the heap back near
 * where it started.
 */
class ServiceLoadTest {
    static final int CLIENTS = 8;
    static final int PER_CLIENT = 125;
    static final int CACHE = 32;
    static final int MAX_BODY = 64 * 1024;
    static final List<String> LAYERS = List.of("conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8");

    /** One malformed request (its id written {@code 0}: each is sent with an id of its own), its code and status. */
    record Fault(String body, String code, int status) {
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("{\"schema_version\": 1, \"id\": 0, \"op\": ", "bad_json", 400),
            new Fault("{\"schema_version\": 3, \"id\": 0, \"op\": \"map\"}", "bad_request", 400),
            new Fault(ServiceTest.req(0, "mapp", ""), "unknown_op", 400),
            new Fault(ServiceTest.req(0, "map", "\"network\": \"alexnet\""), "bad_request", 400),
            new Fault(ServiceTest.req(0, "map", "\"network\": \"lenet\", \"accelerator\": \"simple_ws\""), "not_found",
                    404),
            new Fault(ServiceTest.req(0, "evaluate", "\"dsl\": \"mapping m for {\""), "bad_input", 422),
            new Fault(ServiceTest.req(0, "evaluate", "\"dsl\": \"" + "x".repeat(MAX_BODY) + "\""), "too_large", 413),
            new Fault("", "bad_json", 400));

    private final Mapwright direct = Mapwright.create();
    private final Network alexnet = direct.network("alexnet");
    /** Ids of long maps waiting for another client to cancel them. */
    private final ConcurrentLinkedQueue<String> toCancel = new ConcurrentLinkedQueue<>();
    private final AtomicInteger longRunning = new AtomicInteger();
    /** Clients still sending their own requests (any of which may be a long map that another must cancel). */
    private final AtomicInteger sending = new AtomicInteger(CLIENTS);
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();

    @Test
    void thousandRequestsOverEightConnectionsAllAnsweredRightly() throws Exception {
        Mapwright mw = Mapwright.create(CACHE);
        long heapBefore = heapAfterGc();
        long start = System.nanoTime();
        try (Service s = new Service(mw, Service.Settings.defaults().withThreads(4));
             HttpService h = HttpService.start(s, "127.0.0.1", 0, MAX_BODY)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    client(client, h.uri());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("ServiceLoadTest: %d requests in %.1f s (%.0f/s), by kind %s%n", sent.get(), seconds,
                    sent.get() / seconds, kinds);
            assertTrue(sent.get() >= CLIENTS * PER_CLIENT);
            assertTrue(kinds.get("cancelled").get() >= 10, kinds.toString());
            HttpServiceTest.Reply after = HttpServiceTest.post(HttpServiceTest.client(), h.uri(),
                    ServiceTest.req("after", "version", ""));
            assertEquals(200, after.status(), "the service still answers");
            assertEquals(0, s.pending());
            assertTrue(mw.keptResults() <= CACHE, mw.keptResults() + " results kept");
            assertTrue(mw.cacheCounts()[0] >= 100, "cache hits: " + mw.cacheCounts()[0]);
        }
        long grown = heapAfterGc() - heapBefore;
        System.out.printf("ServiceLoadTest: heap after GC grew by %.1f MB%n", grown / 1048576.0);
        assertTrue(grown < 64L << 20, "the heap grew by " + (grown >> 20) + " MB");
    }

    private void client(int client, URI uri) throws Exception {
        HttpClient http = HttpServiceTest.client();
        SplittableRandom rnd = new SplittableRandom(client);
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                String id = client + "-" + i;
                String cancel = toCancel.poll();
                if (cancel != null) {
                    count("cancel");
                    HttpServiceTest.Reply r = HttpServiceTest.post(http, uri, ServiceTest.req("c" + id, "cancel",
                            "\"target\": \"" + cancel + "\""));
                    assertEquals(200, r.status(), r.body().toString());
                    if (!r.body().path("result").path("cancelled").booleanValue()) {
                        toCancel.add(cancel); // not arrived yet: again later
                    }
                    continue;
                }
                double p = rnd.nextDouble();
                if (p < 0.40) {
                    map(http, uri, id, LAYERS.get(rnd.nextInt(LAYERS.size())), "simple_ws", 1, "cached");
                } else if (p < 0.65) {
                    map(http, uri, id, LAYERS.get(rnd.nextInt(LAYERS.size())), "simple_os", 1000L * client + i, "new");
                } else if (p < 0.75) {
                    count("quick");
                    HttpServiceTest.Reply r = HttpServiceTest.post(http, uri, ServiceTest.req(id, "layers",
                            "\"network\": \"alexnet\""));
                    assertEquals(8, r.body().path("result").path("layers").size(), r.body().toString());
                } else if (p < 0.93 || longRunning.get() >= 2) {
                    count("fault");
                    Fault f = FAULTS.get(rnd.nextInt(FAULTS.size()));
                    HttpServiceTest.Reply r = HttpServiceTest.post(http, uri, f.body().replace("\"id\": 0,",
                            "\"id\": \"" + id + "\","));
                    assertEquals(f.status(), r.status(), f.body() + " -> " + r.body());
                    assertEquals(f.code(), r.body().path("error").path("code").textValue(), r.body().toString());
                } else {
                    longMap(http, uri, id);
                }
            }
        } finally {
            sending.decrementAndGet();
        }
        // until every client is done sending and every long map is answered, someone must be left to cancel it: a
        // client that left as soon as no long map ran could leave the last sender's next long map with no canceller
        while (longRunning.get() > 0 || sending.get() > 0) {
            String cancel = toCancel.poll();
            if (cancel == null) {
                Thread.sleep(5);
                continue;
            }
            count("cancel");
            JsonNode r = HttpServiceTest.post(http, uri, ServiceTest.req("late-" + cancel, "cancel",
                    "\"target\": \"" + cancel + "\"")).body();
            if (!r.path("result").path("cancelled").booleanValue()) {
                toCancel.add(cancel);
            }
        }
    }

    private void map(HttpClient http, URI uri, String id, String layer, String arch, long seed, String kind)
            throws Exception {
        count(kind);
        MapOptions o = MapOptions.defaults().withMapper("anneal").withEvaluations(100).withSeed(seed);
        HttpServiceTest.Reply r = HttpServiceTest.post(http, uri, ServiceTest.req(id, "map", "\"network\": \"alexnet\", "
                + "\"layer\": \"" + layer + "\", \"accelerator\": \"" + arch + "\", \"options\": {\"mapper\": "
                + "\"anneal\", \"budget_evals\": 100, \"seed\": " + seed + "}"));
        assertEquals(id, r.body().get("id").textValue());
        LayerResult want;
        try {
            want = direct.map(alexnet, layer, direct.accelerator(arch), o);
        } catch (UnmappableLayerException e) {
            // a budget this small may find nothing: then the service must say so too
            assertEquals(422, r.status(), r.body().toString());
            assertEquals("no_mapping", r.body().path("error").path("code").textValue());
            assertEquals(e.getMessage(), r.body().path("error").path("message").textValue());
            kinds.computeIfAbsent("no_mapping", k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        assertEquals(200, r.status(), r.body().toString());
        JsonNode got = r.body().path("result").path("layers").get(0);
        assertEquals(want.evaluation().energyPj(), got.get("energy_pj").doubleValue(), id);
        assertEquals(want.evaluation().cycles(), got.get("cycles").longValue(), id);
        assertEquals(DslWriter.mapping(layer + "_best", want.target(), arch, want.mapping()),
                got.get("mapping_dsl").textValue(), id);
    }

    private void longMap(HttpClient http, URI uri, String id) throws Exception {
        count("cancelled");
        longRunning.incrementAndGet();
        try {
            var reply = http.sendAsync(java.net.http.HttpRequest.newBuilder(uri).POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(ServiceTest.req(id, "map", "\"network\": "
                            + "\"resnet50\", \"layer\": \"res2a_branch2b\", \"accelerator\": \"eyeriss_like\", "
                            + "\"options\": {\"budget_evals\": 1000000000}"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            toCancel.add(id);
            var r = reply.get(60, TimeUnit.SECONDS);
            assertEquals(409, r.statusCode(), r.body());
            JsonNode body = ResultJson.MAPPER.readTree(r.body());
            assertEquals("cancelled", body.path("error").path("code").textValue());
            assertEquals(id, body.get("id").textValue());
        } finally {
            longRunning.decrementAndGet();
        }
    }

    private void count(String kind) {
        sent.incrementAndGet();
        kinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private static long heapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
