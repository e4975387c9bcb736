package org.mapwright.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.cli.Main;
import org.mapwright.dsl.Frontend;
import org.mapwright.nn.Regressor;

/**
 * A network-cost predictor trained once per JVM by {@code mapwright bench cost-predictor} on the tiny Eyeriss-like space
 * ({@code src/test/resources/archsearch/tiny_space.mw}, the same six-level structure as eyeriss_resources), with tiny
 * settings (8 training accelerators, 5 epochs): a few seconds. The network-search and co-search tests screen with it;
 * the bench test checks the run that made it.
 */
public final class TinyPredictor {
    /** The tiny architecture space's file. */
    public static final Path SPACE = Path.of("src/test/resources/archsearch/tiny_space.mw");

    /** One run of the bench: exit code, standard output (JSON) and standard error, and where the model went. */
    public record Bench(int code, String out, String err, Path model, List<String> args) {
    }

    private static Bench bench;

    private TinyPredictor() {
    }

    /** The bench command line that trains the predictor into {@code model}. */
    public static List<String> args(Path model) {
        return List.of("bench", "cost-predictor", "--space", SPACE.toString(), "--train-accelerators", "8",
                "--test-accelerators", "2", "--layers-per-accelerator", "4", "--test-networks", "3",
                "--calibration-networks", "1", "--epochs", "5", "--ensemble", "1", "--inner-budget-evals", "30", "--threads", "2",
                "--save-model", model.toString(), "--data", "/nonexistent", "--json");
    }

    /** The bench run that trained the shared predictor (trained on first use). */
    public static synchronized Bench bench() {
        if (bench == null) {
            try {
                Path dir = Files.createTempDirectory("mapwright-tiny-predictor");
                dir.toFile().deleteOnExit();
                Path model = dir.resolve("model");
                List<String> a = args(model);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Main.run(a.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                bench = new Bench(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                        model, a);
                if (Files.isDirectory(model)) {
                    try (var s = Files.list(model)) {
                        s.forEach(f -> f.toFile().deleteOnExit());
                    }
                    model.toFile().deleteOnExit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bench;
    }

    /** The shared predictor's folder; fails the calling test if the bench did not succeed. */
    public static Path model() {
        Bench b = bench();
        assertEquals(0, b.code(), b.err());
        return b.model();
    }

    /** The tiny space. */
    public static ArchSpace space() {
        return Frontend.load(List.of(SPACE)).spaces().get("tiny_eyeriss");
    }

    /**
     * Saves to {@code dir} a small predictor with {@code inputs} features and two outputs, as a model of accelerators of
     * another structure (the tiny space's needs {@code Features.rowLength} inputs).
     */
    public static Path otherStructure(Path dir, int inputs) throws IOException {
        int rows = 16;
        float[] x = new float[rows * inputs];
        float[] y = new float[rows * 2];
        int[] group = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < inputs; j++) {
                x[r * inputs + j] = (r * 7 + j * 3) % 11;
            }
            y[2 * r] = r;
            y[2 * r + 1] = 2 * r;
            group[r] = r;
        }
        try (Regressor m = Regressor.train(x, y, group, inputs, new Regressor.Settings(List.of(4), 2, 8, 1e-3f, 2, 0,
                1, 1, 0f), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), s -> { })
                .regressor()) {
            m.save(dir);
        }
        return dir;
    }
}
