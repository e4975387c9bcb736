package org.mapwright.nn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Where a shipped model's folder is found, for every kind of model (surrogates, cost predictors, the accuracy
 * predictor): {@code <dir>/<name>} of the directory named by the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV} when set; else {@code models/<name>} under the working directory when it holds
 * the model (a checkout); else the copy packaged in the jar under {@code /models/<name>/}.
 */
public final class ModelFolders {
    /** The system property naming a folder of models. */
    public static final String PROPERTY = "mapwright.models";
    /** The environment variable naming a folder of models (the property wins). */
    public static final String ENV = "MAPWRIGHT_MODELS";

    private ModelFolders() {
    }

    /** Where a model is: a folder on disk (which may lack the model, when the property names it) or the jar. */
    public sealed interface Place permits OnDisk, InJar {
    }

    /** A folder on disk. */
    public record OnDisk(Path dir) implements Place {
    }

    /** The jar's {@code /models/<name>/}. */
    public record InJar(String name) implements Place {
    }

    /**
     * The place of model folder {@code name}; {@code markers} are the files of which one marks a folder of the
     * checkout's {@code models/} as holding the model.
     */
    public static Place locate(String name, String... markers) {
        String dir = System.getProperty(PROPERTY, System.getenv(ENV));
        if (dir != null) {
            return new OnDisk(Path.of(dir).resolve(name));
        }
        Path local = Path.of("models", name);
        for (String m : markers) {
            if (Files.isRegularFile(local.resolve(m))) {
                return new OnDisk(local);
            }
        }
        return new InJar(name);
    }

    /** A file of the jar's copy of model {@code name}, if the jar has it. */
    public static Optional<InputStream> open(String name, String file) {
        return Optional.ofNullable(ModelFolders.class.getResourceAsStream("/models/" + name + "/" + file));
    }

    /**
     * Copies {@code files} (paths relative to the model's folder) of the jar's copy of model {@code name} into a new
     * temporary folder, deleted when the process exits (DJL loads from files); empty when the jar lacks one.
     */
    public static Optional<Path> copyOut(String name, List<String> files) throws IOException {
        Path tmp = Files.createTempDirectory("mapwright-" + name);
        tmp.toFile().deleteOnExit();
        for (String f : files) {
            Optional<InputStream> in = open(name, f);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream s = in.get()) {
                Path out = tmp.resolve(f);
                Files.createDirectories(out.getParent());
                out.getParent().toFile().deleteOnExit();
                Files.copy(s, out, StandardCopyOption.REPLACE_EXISTING);
                out.toFile().deleteOnExit();
            }
        }
        return Optional.of(tmp);
    }
}
