package org.mapwright.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mapwright.api.Mapwright;
import org.mapwright.cli.Main;

/** The service on JSON lines, driven through pipes as a client process would, and through the command line. */
class StdioServerTest {

    @Test
    void answersComeAsTheyFinishAndACancelStopsAMap() throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        InputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 16);
        PrintWriter serverOut = new PrintWriter(new PipedOutputStream(fromServer), false, StandardCharsets.UTF_8);
        try (Service s = new Service(Mapwright.create(), Service.Settings.defaults().withThreads(2))) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try {
                    StdioServer.run(s, serverIn, serverOut, 200);
                    serverOut.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            BufferedReader answers = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
            send(toServer, ServiceTest.req("slow", "map", "\"network\": \"resnet50\", \"accelerator\": "
                    + "\"eyeriss_like\", \"options\": {\"budget_evals\": 1000000000}"));
            send(toServer, ServiceTest.req(1, "version", ""));
            JsonNode first = ResultJson.MAPPER.readTree(answers.readLine());
            assertEquals(1, first.get("id").intValue(), "the quick request is answered while the map runs");
            send(toServer, "{\"schema_version\": 1, \"id\": 2, \"op\": \"" + "x".repeat(300) + "\"}");
            JsonNode tooLarge = ResultJson.MAPPER.readTree(answers.readLine());
            assertEquals("too_large", tooLarge.path("error").path("code").textValue());
            assertTrue(tooLarge.get("id").isNull());
            assertTrue(tooLarge.path("error").path("message").textValue().startsWith("Request line 3 is longer than "
                    + "200 bytes"), tooLarge.toString());
            send(toServer, "");
            send(toServer, ServiceTest.req(3, "cancel", "\"target\": \"slow\""));
            Map<String, JsonNode> byId = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonNode r = ResultJson.MAPPER.readTree(answers.readLine());
                byId.put(r.get("id").asText(), r);
            }
            assertTrue(byId.get("3").path("result").path("cancelled").booleanValue(), byId.toString());
            assertEquals("cancelled", byId.get("slow").path("error").path("code").textValue());
            send(toServer, ServiceTest.req(4, "layers", "\"network\": \"alexnet\""));
            toServer.close();
            server.get(30, TimeUnit.SECONDS);
            JsonNode last = ResultJson.MAPPER.readTree(answers.readLine());
            assertEquals(4, last.get("id").intValue(), "a request read before the input ended is answered");
            assertEquals(null, answers.readLine());
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void theServeCommandAnswersEveryLineOfItsInput() throws Exception {
        String input = String.join("\n", ServiceTest.req(1, "list", ""), "not json",
                ServiceTest.req("m", "map", "\"network\": \"alexnet\", \"layer\": \"fc8\", \"accelerator\": "
                        + "\"simple_os\", " + ServiceTest.FAST), ServiceTest.req(2, "version", "")) + "\n";
        InputStream stdin = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            code = Main.run(new String[] {"serve", "--stdio", "--threads", "2"}, new PrintStream(out), new PrintStream(err));
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        Map<String, JsonNode> byId = new HashMap<>();
        for (String l : lines) {
            JsonNode r = ResultJson.MAPPER.readTree(l);
            byId.put(r.get("id").asText(), r);
        }
        assertEquals("bad_json", byId.get("null").path("error").path("code").textValue());
        assertEquals("fc8", byId.get("m").path("result").path("layers").get(0).path("name").textValue());
        assertEquals(List.of("1", "2", "m", "null"), byId.keySet().stream().sorted().toList());

        ByteArrayOutputStream e2 = new ByteArrayOutputStream();
        assertEquals(Main.BAD_INPUT, Main.run(new String[] {"serve"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e2)));
        assertTrue(e2.toString().contains("Give either --stdio or --port N."), e2.toString());
        assertEquals(Main.BAD_INPUT, Main.run(new String[] {"serve", "--stdio", "--port", "0"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }
}
