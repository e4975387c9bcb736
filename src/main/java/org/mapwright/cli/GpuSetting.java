package org.mapwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The GPU setting of {@code bench cost-predictor}: latency predictors on HELP's measured GPU latencies. */
final class GpuSetting {
    static final Path DEFAULT_DATA = Path.of("..", "shared", "data");

    private GpuSetting() {
    }

    static ObjectNode run(Path data, long seed, Consumer<String> progress) {
        Path dir = data != null ? data : DEFAULT_DATA;
        ObjectNode n = BenchCostPredictorCommand.JSON.createObjectNode();
        if (!Files.isDirectory(dir.resolve("hw-latency_HELP"))) {
            n.put("skipped", "No HELP data in " + dir + "; give --data with the folder that holds hw-latency_HELP/.");
            return n;
        }
        n.put("skipped", "The GPU study is not wired in yet.");
        return n;
    }

    static String table(ObjectNode gpu) {
        if (gpu.has("skipped")) {
            return "GPU setting: skipped: " + gpu.get("skipped").asText() + "\n";
        }
        return "";
    }
}
