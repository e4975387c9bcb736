package org.mapwright.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mapwright.surrogate.DataGenerator;
import org.mapwright.surrogate.Family;
import org.mapwright.surrogate.Trainer;

/** A small surrogate trained in a few seconds, in a models directory laid out as {@code <dir>/<family>}. */
public final class TinySurrogate {
    private TinySurrogate() {
    }

    /** Trains a tiny model of the family into {@code dir/<family>} and returns {@code dir}. */
    public static Path train(Path dir, String family) {
        try {
            Family f = Family.byName(family).orElseThrow();
            Path data = Files.createTempFile(dir, family, ".bin");
            DataGenerator.generate(new DataGenerator.Settings(f, 150, 40, 5, 2, Family.Split.TRAIN, false), data,
                    JsonNodeFactory.instance.objectNode(), m -> { });
            Trainer.train(org.mapwright.surrogate.Dataset.read(data),
                    new Trainer.Settings(List.of(64, 64), 5, 128, 3e-3f, 5, 1, 2), dir.resolve(family),
                    JsonNodeFactory.instance.objectNode().put("test", true), m -> { });
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
