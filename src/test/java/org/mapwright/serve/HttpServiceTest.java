package org.mapwright.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mapwright.api.Mapwright;

/** The service over HTTP: statuses, GET, limits, and a cancel sent on another connection. */
class HttpServiceTest {

    record Reply(int status, JsonNode body) {
    }

    static Reply post(HttpClient c, URI uri, String body) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), ResultJson.MAPPER.readTree(r.body()));
    }

    static Reply get(HttpClient c, URI uri) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), ResultJson.MAPPER.readTree(r.body()));
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void requestsAndErrorsGetJsonWithTheirStatus() throws Exception {
        try (Service s = new Service(Mapwright.create(), Service.Settings.defaults().withThreads(2));
             HttpService h = HttpService.start(s, "127.0.0.1", 0, 4096)) {
            assertTrue(h.port() > 0);
            assertEquals("http://127.0.0.1:" + h.port() + "/", h.uri().toString());
            HttpClient c = client();
            Reply v = post(c, h.uri(), ServiceTest.req(1, "version", ""));
            assertEquals(200, v.status());
            assertEquals(1, v.body().get("id").intValue());
            assertEquals(Mapwright.version(), v.body().path("result").path("version").textValue());
            Reply list = get(c, h.uri().resolve("/list"));
            assertEquals(200, list.status());
            assertTrue(list.body().get("id").isNull());
            assertEquals(Mapwright.BUILTIN_NETWORKS.size(), list.body().path("result").path("networks").size());
            assertEquals(400, post(c, h.uri(), "{").status());
            assertEquals("bad_json", post(c, h.uri(), "{").body().path("error").path("code").textValue());
            assertEquals(404, post(c, h.uri(), ServiceTest.req(2, "layers", "\"network\": \"x\"")).status());
            assertEquals(422, post(c, h.uri(), ServiceTest.req(3, "evaluate", "\"dsl\": \"x\"")).status());
            Reply tooLarge = post(c, h.uri(), ServiceTest.req(4, "evaluate", "\"dsl\": \"" + "/".repeat(5000) + "\""));
            assertEquals(413, tooLarge.status());
            assertEquals("too_large", tooLarge.body().path("error").path("code").textValue());
            Reply wrongPath = post(c, h.uri().resolve("/map"), ServiceTest.req(5, "version", ""));
            assertEquals(404, wrongPath.status());
            assertEquals(405, get(c, h.uri()).status());
            assertEquals(200, post(c, h.uri(), ServiceTest.req(6, "version", "")).status(), "still serving");
        }
    }

    @Test
    void aCancelOnAnotherConnectionStopsAMap() throws Exception {
        try (Service s = new Service(Mapwright.create(), Service.Settings.defaults().withThreads(2));
             HttpService h = HttpService.start(s, "127.0.0.1", 0, 1 << 20)) {
            CompletableFuture<HttpResponse<String>> running = client().sendAsync(HttpRequest.newBuilder(h.uri())
                    .POST(HttpRequest.BodyPublishers.ofString(ServiceTest.req("m", "map", "\"network\": \"vgg16\", "
                            + "\"accelerator\": \"simba_like\", \"options\": {\"budget_evals\": 1000000000}")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpClient other = client();
            JsonNode c;
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                // until the map has arrived
                Thread.sleep(20);
                c = post(other, h.uri(), ServiceTest.req("c", "cancel", "\"target\": \"m\"")).body();
            } while (!c.path("result").path("cancelled").booleanValue() && System.nanoTime() < deadline);
            assertTrue(c.path("result").path("cancelled").booleanValue(), c.toString());
            HttpResponse<String> r = running.get(10, TimeUnit.SECONDS);
            assertEquals(409, r.statusCode());
            assertEquals("cancelled", ResultJson.MAPPER.readTree(r.body()).path("error").path("code").textValue());
        }
    }
}
