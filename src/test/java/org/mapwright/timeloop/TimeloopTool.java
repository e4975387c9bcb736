package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code timeloop-model} from {@code ../shared/tools/timeloop} and reads the counts it prints. Tests
 * that need it are skipped, saying so, where the tool is absent, and fail when the environment says {@code CI=true}.
 */
final class TimeloopTool {
    private static final Pattern LEVEL = Pattern.compile("^=== (.+) ===$");
    private static final Pattern DATASPACE = Pattern.compile("^    (\\w+):$");
    private static final Pattern FIELD = Pattern.compile("^\\s+(Scalar reads|Scalar fills|Scalar updates) \\(per-instance\\)\\s+: (\\S+)$");
    private static final Pattern NETWORK = Pattern.compile("^(\\S+) <==> (\\S+)$");
    private static final Pattern LINKS = Pattern.compile("^\\s+Link transfers\\s+: (\\S+)$");
    private static final Pattern CYCLES = Pattern.compile("^Cycles: (\\d+)$");
    private static final Pattern COMPUTES = Pattern.compile("^Computes = (\\d+)$");
    private static final Pattern TOTAL = Pattern.compile("^    Total\\s+= (\\S+)$");

    private TimeloopTool() {
    }

    /** What timeloop-model printed for one run. */
    record Stats(long cycles, double energyPj, Map<String, Map<String, double[]>> counts, Map<String, Map<String, Double>> links) {
        /** Reads, fills and updates per instance of {@code tensor} at {@code level}, or null where not kept. */
        double[] counts(String level, String tensor) {
            return counts.getOrDefault(level, Map.of()).get(tensor);
        }
    }

    static Path shared() {
        return Path.of(System.getProperty("mapwright.shared", "../shared"));
    }

    /** The run-model wrapper, or a skipped test (a failure under CI) saying why there is none. */
    static Path runModel() {
        Path p = shared().resolve("tools/timeloop/run-model");
        if (!Files.isExecutable(p)) {
            String why = "The Timeloop tool was not found at " + p.toAbsolutePath()
                    + " (set the system property mapwright.shared to the shared directory)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI=true requires it.");
            }
            assumeTrue(false, why + "; skipping.");
        }
        return p;
    }

    /** Runs timeloop-model on {@code inputs} in {@code out}, with link transfers on or off, and parses its stats. */
    static Stats run(List<Path> inputs, Path out, boolean linkTransfers) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(runModel().toAbsolutePath().toString(), "-o", out.toString()));
        inputs.forEach(p -> cmd.add(p.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(out.resolve("run.log").toFile());
        Map<String, String> env = pb.environment();
        env.remove("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION");
        if (linkTransfers) {
            env.remove("TIMELOOP_DISABLE_LINK_TRANSFERS");
        } else {
            env.put("TIMELOOP_DISABLE_LINK_TRANSFERS", "1");
        }
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timeloop-model did not finish within 120 s on " + inputs + ".");
        }
        assertEquals(0, p.exitValue(), () -> "timeloop-model failed: " + read(out.resolve("run.log")));
        return parse(Files.readAllLines(out.resolve("timeloop-model.stats.txt"), StandardCharsets.UTF_8));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    static Stats parse(List<String> lines) {
        Map<String, Map<String, double[]>> counts = new LinkedHashMap<>();
        Map<String, Map<String, Double>> links = new LinkedHashMap<>();
        String level = null;
        String network = null;
        String tensor = null;
        boolean inNetworks = false;
        long cycles = -1;
        long computes = -1;
        double fjPerCompute = -1;
        for (String line : lines) {
            Matcher m;
            if (line.equals("Networks")) {
                inNetworks = true;
                level = null;
            } else if (line.startsWith("Operational Intensity Stats") || line.equals("Summary Stats")) {
                inNetworks = false;
                level = null;
                network = null;
            } else if (!inNetworks && (m = LEVEL.matcher(line)).matches()) {
                level = m.group(1);
            } else if (inNetworks && (m = NETWORK.matcher(line)).matches()) {
                network = m.group(1);
            } else if ((m = DATASPACE.matcher(line)).matches()) {
                tensor = m.group(1);
            } else if (level != null && !inNetworks && (m = FIELD.matcher(line)).matches()) {
                int i = m.group(1).endsWith("reads") ? 0 : m.group(1).endsWith("fills") ? 1 : 2;
                counts.computeIfAbsent(level, k -> new HashMap<>()).computeIfAbsent(tensor, k -> new double[3])[i] =
                        Double.parseDouble(m.group(2));
            } else if (network != null && inNetworks && (m = LINKS.matcher(line)).matches()) {
                links.computeIfAbsent(network, k -> new HashMap<>()).put(tensor, Double.parseDouble(m.group(1)));
            } else if ((m = CYCLES.matcher(line)).matches()) {
                cycles = Long.parseLong(m.group(1));
            } else if ((m = COMPUTES.matcher(line)).matches()) {
                computes = Long.parseLong(m.group(1));
            } else if ((m = TOTAL.matcher(line)).matches()) {
                fjPerCompute = Double.parseDouble(m.group(1));
            }
        }
        if (cycles < 0 || computes < 0 || fjPerCompute < 0 || counts.isEmpty()) {
            fail("Could not read cycles, computes, energy and counts from timeloop-model's stats.");
        }
        return new Stats(cycles, fjPerCompute * computes / 1000.0, counts, links);
    }
}
