package org.mapwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.mapwright.gpulatency.HelpGpuStudy;

/** The GPU setting of {@code bench cost-predictor}: latency predictors on HELP's measured GPU latencies. */
final class GpuSetting {
    static final Path DEFAULT_DATA = Path.of("..", "shared", "data");

    private GpuSetting() {
    }

    static ObjectNode run(Path data, long seed, Consumer<String> progress) {
        Path dir = data != null ? data : DEFAULT_DATA;
        if (!Files.isDirectory(dir.resolve(HelpGpuStudy.HELP_DIR)) || !Files.isDirectory(dir.resolve(HelpGpuStudy.OFA_DIR))) {
            ObjectNode n = BenchCostPredictorCommand.JSON.createObjectNode();
            n.put("skipped", "No HELP data in " + dir + "; give --data with the folder that holds "
                    + HelpGpuStudy.HELP_DIR + "/ and " + HelpGpuStudy.OFA_DIR + "/.");
            return n;
        }
        try {
            HelpGpuStudy.Report r = HelpGpuStudy.run(dir, HelpGpuStudy.Settings.defaults().withSeed(seed), progress);
            return BenchCostPredictorCommand.JSON.valueToTree(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(ObjectNode gpu) {
        if (gpu.has("skipped")) {
            return "GPU setting: skipped: " + gpu.get("skipped").asText() + "\n";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "GPU setting (HELP, OFA-MobileNetV3 latencies, "
                + "leave one GPU out, %d held-out devices), RMSE of ln(latency) / Spearman / within a device:%n",
                gpu.path("held_out_devices").asInt()));
        for (String k : new String[] {"lut", "lut_predicted_scale", "learned"}) {
            var f = gpu.path(k);
            sb.append(String.format(Locale.ROOT, "  %-20s %8.4f %8.4f %8.4f%n", k, f.path("rmse").asDouble(Double.NaN),
                    f.path("spearman").asDouble(Double.NaN), f.path("spearman_within_device").asDouble(Double.NaN)));
        }
        sb.append("  (lut: Note10 table scaled by 10 measured subnets of the held-out GPU; lut_predicted_scale: scale "
                + "from hardware parameters; learned: subnet encoding + GPU parameters, no measurement of the target)\n");
        return sb.toString();
    }
}
