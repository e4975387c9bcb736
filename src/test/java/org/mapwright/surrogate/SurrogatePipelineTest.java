package org.mapwright.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.search.Metric;

/** Data generation, training and loading of a tiny model, end to end (a few seconds). */
class SurrogatePipelineTest {
    @TempDir
    static Path dir;
    static Dataset.Rows rows;
    static SurrogateModel model;
    static Trainer.Result result;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        Family f = Family.byName("simple").orElseThrow();
        Path data = dir.resolve("d.bin");
        DataGenerator.generate(new DataGenerator.Settings(f, 120, 40, 3, 2, Family.Split.TRAIN, false), data,
                JsonNodeFactory.instance.objectNode(), m -> { });
        rows = Dataset.read(data);
        result = Trainer.train(rows, new Trainer.Settings(List.of(64, 64), 6, 128, 3e-3f, 6, 1, 2), dir.resolve("model"),
                JsonNodeFactory.instance.objectNode().put("test", true), m -> { });
        model = SurrogateModel.load(dir.resolve("model"));
    }

    @Test
    void datasetsAreDeterministicWhateverTheThreadCount() throws IOException {
        Family f = Family.byName("simple").orElseThrow();
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        DataGenerator.generate(new DataGenerator.Settings(f, 20, 10, 3, 1, Family.Split.TRAIN, false), a,
                JsonNodeFactory.instance.objectNode(), m -> { });
        DataGenerator.generate(new DataGenerator.Settings(f, 20, 10, 3, 2, Family.Split.TRAIN, false), b,
                JsonNodeFactory.instance.objectNode(), m -> { });
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
        Dataset.Rows r = Dataset.read(a);
        assertEquals(200, r.size());
        assertEquals(new FeatureEncoder(f).length(), r.features());
        long valid = IntStream.range(0, r.size()).filter(i -> r.y()[i * 3 + 2] > 0).count();
        assertTrue(valid > 20 && valid < 200, "valid samples: " + valid);
    }

    @Test
    void theSameDataAndSeedGiveTheSameParameters() throws IOException {
        Trainer.train(rows, new Trainer.Settings(List.of(64, 64), 6, 128, 3e-3f, 6, 1, 2), dir.resolve("again"),
                JsonNodeFactory.instance.objectNode().put("test", true), m -> { });
        String params = SurrogateModel.PARAMS_NAME + "-0000.params";
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("model").resolve(params)),
                Files.readAllBytes(dir.resolve("again").resolve(params))), "retraining from the same seed changed the model");
    }

    @Test
    void damagedDatasetsAreRefusedWithTheirName() throws IOException {
        Path bad = dir.resolve("bad.bin");
        Files.writeString(bad, "not a dataset");
        IOException e = assertThrows(IOException.class, () -> Dataset.read(bad));
        assertTrue(e.getMessage().contains("bad.bin"), e.getMessage());
        Path cut = dir.resolve("cut.bin");
        byte[] whole = Files.readAllBytes(dir.resolve("d.bin"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 7));
        IOException e2 = assertThrows(IOException.class, () -> Dataset.read(cut));
        assertTrue(e2.getMessage().contains("truncated"), e2.getMessage());
    }

    @Test
    void aTinyModelLearnsToRankMappings() {
        // validation pairs are unseen layers and accelerators; even a tiny model must rank far better than chance
        assertTrue(result.validation().spearman() > 0.6, "validation Spearman " + result.validation().spearman());
        assertTrue(result.validation().validityAccuracy() > 0.7, "validity accuracy " + result.validation().validityAccuracy());
        assertTrue(result.bestEpoch() >= 1 && result.bestEpoch() <= result.epochs());
    }

    @Test
    void theSavedModelPredictsWhatTrainingMeasured() {
        Metrics.Accuracy again = Metrics.accuracy(model, rows, IntStream.range(0, rows.size())
                .filter(i -> rows.group()[i] % Trainer.VALIDATION_EVERY == 0).boxed().toList());
        assertEquals(result.validation().spearman(), again.spearman(), 1e-9);
        assertEquals(result.validation().samples(), again.samples());
    }

    @Test
    void gradientsOfThePredictedObjectiveMatchFiniteDifferences() {
        int nf = rows.features();
        float[] x = java.util.Arrays.copyOfRange(rows.x(), 5 * nf, 6 * nf);
        float[] g = new float[nf];
        try (SurrogateModel.Session s = model.open()) {
            float base = s.objective(x, 1, Metric.EDP, 1f, g)[0];
            int start = model.encoder().mappingStart();
            int checked = 0;
            for (int i = start; i < nf && checked < 12; i += 7) {
                float[] xp = x.clone();
                float h = 0.01f;
                xp[i] += h;
                float up = s.objective(xp, 1, Metric.EDP, 1f, null)[0];
                xp[i] -= 2 * h;
                float down = s.objective(xp, 1, Metric.EDP, 1f, null)[0];
                double fd = (up - down) / (2 * h);
                assertEquals(fd, g[i], 0.05 + 0.1 * Math.abs(fd), "feature " + i);
                checked++;
            }
            assertTrue(Float.isFinite(base));
        }
    }

    @Test
    void modelsWithTheWrongFeatureCountAreRefused() throws IOException {
        Path copy = dir.resolve("broken");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("model").resolve(SurrogateModel.PARAMS_NAME + "-0000.params"),
                copy.resolve(SurrogateModel.PARAMS_NAME + "-0000.params"));
        String cfg = Files.readString(dir.resolve("model").resolve(SurrogateModel.CONFIG_FILE));
        Files.writeString(copy.resolve(SurrogateModel.CONFIG_FILE), cfg.replaceFirst("\"features\" : \\d+", "\"features\" : 3"));
        IOException e = assertThrows(IOException.class, () -> SurrogateModel.load(copy));
        assertTrue(e.getMessage().contains("retrain"), e.getMessage());
        assertThrows(IOException.class, () -> SurrogateModel.load(dir.resolve("nowhere")));
    }
}
