package org.mapwright.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.api.MapOptions;
import org.mapwright.api.Mapwright;
import org.mapwright.netmap.LayerResult;
import org.mapwright.workload.Network;

/**
 * examples/map_onnx.py, the Python client of {@code serve --stdio}, run with python3 against the test class path:
 * its per-layer results are the facade's. Python is optional, so without python3 on the PATH the test is skipped
 * (also on CI).
 */
class MapOnnxExampleTest {
    static final Path SCRIPT = Path.of("examples/map_onnx.py");

    record Run(int exit, String out, String err) {
    }

    static Optional<Path> python3() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Run run(Path python, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), SCRIPT.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--classpath", System.getProperty("java.class.path")));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theExampleMapsEveryLayerAsTheFacadeDoes(@TempDir Path dir) throws Exception {
        Optional<Path> python = python3();
        Assumptions.assumeTrue(python.isPresent(), "python3 is not on the PATH: examples/map_onnx.py is not tested "
                + "(Python is optional)");
        Path json = dir.resolve("result.json");
        String model = "src/test/resources/onnx/tiny_cnn.onnx";
        Run r = run(python.get(), model, "--accelerator", "simple_os", "--mapper", "anneal", "--budget-evals",
                "300", "--seed", "3", "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        Mapwright mw = Mapwright.create();
        Network net = mw.network(model);
        MapOptions o = MapOptions.defaults().withMapper("anneal").withEvaluations(300).withSeed(3);
        JsonNode layers = ResultJson.MAPPER.readTree(json.toFile()).get("layers");
        assertEquals(net.layers().size(), layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerResult want = mw.map(net, net.layers().get(i).name(), mw.accelerator("simple_os"), o);
            assertEquals(want.name(), layers.get(i).get("name").textValue());
            assertEquals(want.evaluation().energyPj(), layers.get(i).get("energy_pj").doubleValue(), want.name());
            assertEquals(want.evaluation().cycles(), layers.get(i).get("cycles").longValue(), want.name());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(want.name() + " ")), r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("total ")), r.out());

        Run bad = run(python.get(), "alexnett");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().startsWith("mapwright: not_found: There is no built-in network `alexnett`"), bad.err());
    }
}
