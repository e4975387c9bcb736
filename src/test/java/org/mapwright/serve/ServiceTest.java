package org.mapwright.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mapwright.api.MapOptions;
import org.mapwright.api.Mapwright;
import org.mapwright.dsl.DslWriter;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkResult;

/** Every request and every error code through the service without a transport. */
class ServiceTest {
    static final String FAST = "\"options\": {\"mapper\": \"anneal\", \"budget_evals\": 300, \"seed\": 4}";
    static final MapOptions FAST_OPTIONS = MapOptions.defaults().withMapper("anneal").withEvaluations(300).withSeed(4);

    static ObjectNode ask(Service s, String request) throws Exception {
        return s.submit(request).get(60, TimeUnit.SECONDS);
    }

    static String req(Object id, String op, String fields) {
        String idText = id instanceof String ? "\"" + id + "\"" : String.valueOf(id);
        return "{\"schema_version\": 1, \"id\": " + idText + ", \"op\": \"" + op + "\"" + (fields.isEmpty() ? ""
                : ", " + fields) + "}";
    }

    static void assertError(ObjectNode r, String code, String messageStart) {
        assertEquals(1, r.get("schema_version").intValue(), r.toString());
        assertTrue(r.get("result") == null, r.toString());
        assertEquals(code, r.path("error").path("code").asText(), r.toString());
        assertTrue(r.path("error").path("message").asText().startsWith(messageStart), r.toString());
    }

    static Service service() {
        return new Service(Mapwright.create(), Service.Settings.defaults().withThreads(2));
    }

    @Test
    void aMapAnswersWhatTheFacadeAnswersWithItsMappingAsDsl() throws Exception {
        try (Service s = service()) {
            ObjectNode net = ask(s, req(1, "map", "\"network\": \"alexnet\", \"accelerator\": \"simple_ws\", " + FAST));
            ObjectNode layer = ask(s, req("x", "map", "\"network\": \"alexnet\", \"layer\": \"conv3\", "
                    + "\"accelerator\": \"simple_ws\", " + FAST));
            Mapwright mw = Mapwright.create();
            NetworkResult direct = mw.map(mw.network("alexnet"), mw.accelerator("simple_ws"), FAST_OPTIONS);
            JsonNode layers = net.path("result").path("layers");
            assertEquals(1, net.get("id").intValue());
            assertEquals(direct.layers().size(), layers.size());
            for (int i = 0; i < layers.size(); i++) {
                LayerResult d = direct.layers().get(i);
                assertEquals(d.evaluation().energyPj(), layers.get(i).get("energy_pj").doubleValue());
                assertEquals(d.evaluation().cycles(), layers.get(i).get("cycles").longValue());
                assertEquals(DslWriter.mapping(d.name() + "_best", d.target(), "simple_ws", d.mapping()),
                        layers.get(i).get("mapping_dsl").textValue());
            }
            assertEquals(direct.energyPj(), net.path("result").path("total").path("energy_pj").doubleValue());
            assertEquals(direct.edp(), net.path("result").path("total").path("edp").doubleValue());
            assertEquals("x", layer.get("id").textValue());
            assertEquals(layers.get(2), layer.path("result").path("layers").get(0));
        }
    }

    @Test
    void aMappingFromMapEvaluatesToItsCost() throws Exception {
        try (Service s = service()) {
            JsonNode l = ask(s, req(1, "map", "\"network\": \"alexnet\", \"layer\": \"fc6\", "
                    + "\"accelerator\": \"eyeriss_like\", " + FAST)).path("result").path("layers").get(0);
            String dsl = "include \"builtin:alexnet.mw\"\ninclude \"builtin:eyeriss_like.mw\"\n"
                    + l.get("mapping_dsl").textValue();
            ObjectNode e = ask(s, req(2, "evaluate", "\"dsl\": " + ResultJson.MAPPER.writeValueAsString(dsl)));
            assertEquals(true, e.path("result").path("valid").booleanValue(), e.toString());
            assertEquals("fc6_best", e.path("result").path("mapping").textValue());
            assertEquals(l.get("energy_pj"), e.path("result").get("energy_pj"));
            assertEquals(l.get("cycles"), e.path("result").get("cycles"));
            assertEquals(l.get("edp"), e.path("result").get("edp"));
        }
    }

    @Test
    void badRequestsGetTheirCodes() throws Exception {
        try (Service s = service()) {
            assertError(ask(s, "{\"schema_version\": 1, \"id\": 1, \"op\": \"list\""), "bad_json", "The request is not JSON");
            assertError(ask(s, "{} {}"), "bad_json", "The request is not JSON");
            assertError(ask(s, "{\"id\": 1, \"id\": 2}"), "bad_json", "The request is not JSON");
            assertError(ask(s, " "), "bad_json", "The request is empty");
            assertError(ask(s, "[1, 2]"), "bad_request", "A request is a JSON object");
            assertError(ask(s, "{\"id\": 1, \"op\": \"list\"}"), "bad_request", "The request has no `schema_version`");
            ObjectNode v2 = ask(s, "{\"schema_version\": 2, \"id\": 7, \"op\": \"list\"}");
            assertError(v2, "bad_request", "This service speaks schema_version 1, not the number 2");
            assertEquals(7, v2.get("id").intValue());
            assertError(ask(s, "{\"schema_version\": 1, \"id\": [1], \"op\": \"list\"}"), "bad_request",
                    "The request's `id` must be a string or a whole number, got an array");
            assertError(ask(s, req(1, "lst", "")), "unknown_op", "Unknown op `lst`; did you mean `list`?");
            assertError(ask(s, req(1, "list", "\"network\": \"x\"")), "bad_request",
                    "Unknown field `network` in a list request");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\"")), "bad_request",
                    "A map request needs the field `accelerator`.");
            assertError(ask(s, req(1, "map", "\"accelerator\": \"simple_ws\"")), "bad_request",
                    "A map request needs `network`");
            assertError(ask(s, req(1, "map", "\"network\": 5, \"accelerator\": \"simple_ws\"")), "bad_request",
                    "Field `network` of a map request must be a string, got the number 5.");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\", \"accelerator\": \"simple_ws\", "
                    + "\"options\": {\"budget_evals\": 0}")), "bad_request",
                    "Field `budget_evals` of a map request's options must be a whole number from 1 to");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\", \"accelerator\": \"simple_ws\", "
                    + "\"options\": {\"threads\": 65}")), "bad_request", "Field `threads` of a map request's options "
                    + "must be a whole number from 1 to 64, got the number 65.");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\", \"accelerator\": \"simple_ws\", "
                    + "\"options\": {\"mapper\": \"anealing\"}")), "bad_request", "Unknown mapper `anealing`");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\", \"accelerator\": \"simple_ws\", "
                    + "\"options\": {\"budget\": 3}")), "bad_request", "Unknown field `budget` in a map request's options");
            assertError(ask(s, req(1, "cancel", "")), "bad_request", "A cancel request needs `target`");
        }
    }

    @Test
    void unknownNamesAreNotFoundAndBadDslIsLocated() throws Exception {
        try (Service s = service()) {
            assertError(ask(s, req(1, "map", "\"network\": \"resnet5\", \"accelerator\": \"simple_ws\"")),
                    "not_found", "There is no built-in network `resnet5`");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\", \"accelerator\": \"eyeris\"")),
                    "not_found", "There is no built-in accelerator `eyeris`");
            assertError(ask(s, req(1, "map", "\"network\": \"alexnet\", \"layer\": \"conv9\", "
                    + "\"accelerator\": \"simple_ws\"")), "not_found", "Network alexnet has no layer `conv9`; did you "
                    + "mean");
            assertError(ask(s, req(1, "layers", "\"network\": \"vgg\"")), "not_found", "There is no built-in network");
            assertError(ask(s, req(1, "evaluate", "\"dsl\": \"network x {\"")), "bad_input",
                    "request.mw:1:12: error: ");
            assertError(ask(s, req(1, "evaluate", "\"dsl\": \"include \\\"builtin:layers.mw\\\"\"")), "bad_input",
                    "The request's dsl declares no mapping");
            assertError(ask(s, req(1, "evaluate", "\"dsl\": \"\", \"mapping\": \"m\"")), "not_found",
                    "The request's dsl declares no mapping `m`");
            assertError(ask(s, req(1, "map", "\"dsl\": \"\", \"network\": \"alexnet\", \"accelerator\": "
                    + "\"simple_ws\", \"constraints\": \"ws\"")), "not_found", "The request's dsl declares no "
                    + "constraints `ws`");
        }
    }

    @Test
    void aLayerThatCannotBeMappedIsNoMapping() throws Exception {
        String dsl = ResultJson.MAPPER.writeValueAsString("include \"builtin:layers.mw\"\n"
                + "layer one = conv2d(C = 1, M = 1, P = 2, Q = 1)\nconstraints busy { utilization 0.5 }\n");
        try (Service s = service()) {
            ObjectNode r = ask(s, req(1, "map", "\"dsl\": " + dsl + ", \"accelerator\": \"eyeriss_like\", "
                    + "\"constraints\": \"busy\", " + FAST));
            assertError(r, "no_mapping", "layer one: The minimum utilization 0.5 needs 84 of 168 compute units busy");
            ObjectNode free = ask(s, req(2, "map", "\"dsl\": " + dsl + ", \"accelerator\": \"eyeriss_like\", "
                    + FAST));
            assertEquals("one", free.path("result").path("layers").get(0).path("target").textValue(), free.toString());
            assertTrue(free.path("result").path("network").isNull());
        }
    }

    @Test
    void aCancelledMapAnswersCancelledAndTheServiceGoesOn() throws Exception {
        try (Service s = service()) {
            CompletableFuture<ObjectNode> running = s.submit(req("long", "map", "\"network\": \"resnet50\", "
                    + "\"accelerator\": \"eyeriss_like\", \"options\": {\"budget_evals\": 1000000000}"));
            assertError(ask(s, req("long", "map", "\"network\": \"alexnet\", \"accelerator\": \"simple_ws\"")),
                    "bad_request", "A map request with id \"long\" is running already");
            Thread.sleep(100);
            ObjectNode c = ask(s, req(2, "cancel", "\"target\": \"long\""));
            assertEquals("long", c.path("result").path("target").textValue());
            assertTrue(c.path("result").path("cancelled").booleanValue(), c.toString());
            assertError(running.get(10, TimeUnit.SECONDS), "cancelled", "The request was cancelled");
            assertEquals("long", running.get().get("id").textValue());
            ObjectNode none = ask(s, req(3, "cancel", "\"target\": \"long\""));
            assertEquals(false, none.path("result").path("cancelled").booleanValue());
            assertEquals("version", ask(s, req(4, "version", "")).path("result").path("ops").get(0).textValue());
        }
    }

    @Test
    void requestsBeyondThePendingLimitAreBusy() throws Exception {
        try (Service s = new Service(Mapwright.create(), Service.Settings.defaults().withThreads(1).withMaxPending(1))) {
            CompletableFuture<ObjectNode> running = s.submit(req(1, "map", "\"network\": \"resnet50\", "
                    + "\"accelerator\": \"eyeriss_like\", \"options\": {\"budget_evals\": 1000000000}"));
            assertError(ask(s, req(2, "layers", "\"network\": \"alexnet\"")), "busy", "The service has 1 requests");
            assertEquals("alexnet", ask(s, req(3, "list", "")).path("result").path("networks").get(3).textValue());
            ask(s, req(4, "cancel", "\"target\": 1"));
            assertError(running.get(10, TimeUnit.SECONDS), "cancelled", "The request was cancelled");
            assertEquals(8, ask(s, req(5, "layers", "\"network\": \"alexnet\"")).path("result").path("layers").size());
            assertEquals(0, s.pending());
        }
    }
}
