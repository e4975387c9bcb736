package org.mapwright.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of files (a trained model) carried in a job's context, so that workers need no shared file system:
 * {@link #pack} reads every file under a folder into JSON (relative path to Base64 content), {@link #unpack} writes
 * them into a new temporary folder, deleted when the process exits.
 */
public final class Bundle {
    private Bundle() {
    }

    /** Every regular file under {@code dir}, by path relative to it ('/'-separated), in name order. */
    public static ObjectNode pack(Path dir) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : all) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                o.put(rel, Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir + " to send it to the workers: " + e.getMessage(), e);
        }
        return o;
    }

    /** Writes a packed folder into a new temporary folder named after {@code prefix} and returns that folder. */
    public static Path unpack(JsonNode packed, String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            List<Path> written = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = packed.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Path f = dir.resolve(e.getKey()).normalize();
                if (!f.startsWith(dir) || e.getKey().isEmpty()) {
                    throw new IllegalArgumentException("A packed file's path leaves its folder: " + e.getKey());
                }
                Files.createDirectories(f.getParent());
                Files.write(f, Base64.getDecoder().decode(e.getValue().asText()));
                written.add(f);
            }
            // deleted at exit, files before their folders (deleteOnExit runs in reverse order of registration)
            dir.toFile().deleteOnExit();
            for (Path f : written) {
                for (Path p = f.getParent(); !p.equals(dir); p = p.getParent()) {
                    p.toFile().deleteOnExit();
                }
                f.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a model sent by the driver: " + e.getMessage(), e);
        }
    }
}
