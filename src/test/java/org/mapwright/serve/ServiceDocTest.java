package org.mapwright.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mapwright.api.Mapwright;

/**
 * docs/service.md and the service cannot drift apart: every request the page shows (a {@code json request} block)
 * is sent, in order, to one service on JSON lines, and every response it shows (a {@code json response} block) must
 * be the answer with its id, field for field and value for value, except the fields whose values depend on the run
 * ({@link #VARIABLE}), which must only have the same type. Every op and every error code must be on the page.
 */
class ServiceDocTest {
    static final Path DOC = Path.of("docs/service.md");
    static final Set<String> VARIABLE = Set.of("seconds", "version");
    private static final Pattern BLOCK = Pattern.compile("```json (request|response)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyDocumentedRequestGetsTheDocumentedResponse() throws Exception {
        String doc = Files.readString(DOC);
        List<String> requests = new ArrayList<>();
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            if (m.group(1).equals("request")) {
                requests.add(line(m.group(2)));
            } else {
                JsonNode r = ResultJson.MAPPER.readTree(m.group(2));
                String id = r.get("id").toString();
                assertTrue(documented.put(id, r) == null, "two documented responses have the id " + id);
            }
        }
        assertTrue(requests.size() >= 10 && requests.size() == documented.size(), requests.size() + " requests, "
                + documented.size() + " responses");
        Map<String, JsonNode> answered = serve(requests);
        assertEquals(documented.keySet(), answered.keySet());
        for (Map.Entry<String, JsonNode> e : documented.entrySet()) {
            same(e.getValue(), answered.get(e.getKey()), "response " + e.getKey());
        }
        for (String op : Service.OPS) {
            assertTrue(requests.stream().anyMatch(r -> r.contains("\"op\":\"" + op + "\"")), "no example of " + op);
        }
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(doc.contains("| `" + c.code() + "` | " + c.httpStatus() + " |"), "no row for " + c.code());
        }
    }

    /** A request block as the one line a client sends: compacted when it is JSON, else its lines joined. */
    static String line(String block) {
        try {
            return ResultJson.MAPPER.readTree(block).toString();
        } catch (IOException e) {
            return String.join(" ", block.strip().split("\n"));
        }
    }

    private static Map<String, JsonNode> serve(List<String> requests) throws Exception {
        StringWriter out = new StringWriter();
        try (Service s = new Service(Mapwright.create(), Service.Settings.defaults().withThreads(2))) {
            byte[] in = (String.join("\n", requests) + "\n").getBytes(StandardCharsets.UTF_8);
            CompletableFuture.runAsync(() -> {
                try {
                    StdioServer.run(s, new ByteArrayInputStream(in), new PrintWriter(out), 1 << 20);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String l : out.toString().lines().toList()) {
            JsonNode r = ResultJson.MAPPER.readTree(l);
            byId.put(r.get("id").toString(), r);
        }
        return byId;
    }

    /** Same fields, same values (same types for the variable ones), recursively. */
    static void same(JsonNode doc, JsonNode got, String where) {
        if (doc.isObject()) {
            assertTrue(got.isObject(), where + ": documented an object, got " + got);
            assertEquals(names(doc), names(got), where + ": fields");
            for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (VARIABLE.contains(f)) {
                    assertEquals(doc.get(f).getNodeType(), got.get(f).getNodeType(), where + "." + f);
                } else {
                    same(doc.get(f), got.get(f), where + "." + f);
                }
            }
        } else if (doc.isArray()) {
            assertTrue(got.isArray() && got.size() == doc.size(), where + ": documented " + doc + ", got " + got);
            for (int i = 0; i < doc.size(); i++) {
                same(doc.get(i), got.get(i), where + "[" + i + "]");
            }
        } else if (!doc.equals(got)) {
            fail(where + ": documented " + doc + ", got " + got);
        }
    }

    private static Set<String> names(JsonNode o) {
        Set<String> s = new TreeSet<>();
        o.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
