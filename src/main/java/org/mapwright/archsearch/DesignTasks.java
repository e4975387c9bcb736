package org.mapwright.archsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.dsl.NetworkWriter;
import org.mapwright.dsl.SpaceWriter;
import org.mapwright.exec.Job;
import org.mapwright.exec.TaskKind;
import org.mapwright.exec.Worker;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.SettingsJson;
import org.mapwright.workload.Network;

/**
 * Design scoring as tasks another process can run: the job's context holds the space and the network as DSL text
 * and the inner mapper's settings (seed included) as JSON; an item is a point of the space, a result the design's
 * {@link Scored} as JSON. A worker decodes the point with its own copy of the space, so the design is the one the
 * driver decoded (checked by key when the result comes back).
 */
public final class DesignTasks {
    /** The kind of task that scores a design by its network EDP ({@link NetworkCoster}). */
    public static final String KIND = "arch-design";

    static final ObjectMapper JSON = new ObjectMapper();

    private DesignTasks() {
    }

    /** The job that scores designs of {@code designs} by mapping {@code network} with {@code inner}. */
    public static Job job(SpaceDesigns designs, Network network, NetworkMapper.Settings inner) {
        ObjectNode c = JSON.createObjectNode();
        c.set("space", space(designs));
        c.set("network", network(network));
        c.set("inner", SettingsJson.write(inner));
        return Job.of(KIND, c.toString());
    }

    /** A space as context: its DSL text and name. */
    public static ObjectNode space(SpaceDesigns designs) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", designs.space().name());
        o.put("text", SpaceWriter.write(designs.space()));
        return o;
    }

    /** The space {@link #space(SpaceDesigns)} wrote. */
    public static SpaceDesigns space(JsonNode o) {
        String name = o.path("name").asText();
        ArchSpace s = Frontend.loadText("space " + name, o.path("text").asText()).spaces().get(name);
        if (s == null) {
            throw new IllegalArgumentException("The task's space text does not declare space `" + name + "`.");
        }
        return new SpaceDesigns(s);
    }

    /** A network as context: its DSL text and name. */
    public static ObjectNode network(Network n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", n.name());
        o.put("text", NetworkWriter.write(n));
        return o;
    }

    /** The network {@link #network(Network)} wrote. */
    public static Network network(JsonNode o) {
        String name = o.path("name").asText();
        Library lib = Frontend.loadText("network " + name, o.path("text").asText());
        Network n = lib.networks().get(name);
        if (n == null) {
            throw new IllegalArgumentException("The task's network text does not declare network `" + name + "`.");
        }
        return n;
    }

    /** The context as JSON. */
    public static JsonNode context(byte[] context) {
        return json(context, "context");
    }

    /** A task's context, item or result ({@code what}) as JSON. */
    private static JsonNode json(byte[] bytes, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("A design task's " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The worker that decodes each item's point with {@code designs} and scores the design with {@code coster}
     * (a design that breaks a limit is not mapped).
     */
    public static Worker worker(SpaceDesigns designs, Function<Design, Scored> coster) {
        return item -> {
            Design d = designs.decode(point(item));
            Scored s = d.violation() > 0 ? ArchSearch.outOfLimits(d) : coster.apply(d);
            return Checkpoint.toJson(s).toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A point as a task's item. */
    static byte[] item(double[] point) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : point) {
            a.add(v);
        }
        return a.toString().getBytes(StandardCharsets.UTF_8);
    }

    static double[] point(byte[] item) {
        JsonNode a = json(item, "item");
        if (!a.isArray()) {
            throw new IllegalArgumentException("A design task's item is an array of coordinates.");
        }
        double[] p = new double[a.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = a.get(i).asDouble();
        }
        return p;
    }

    /** A task's result as a score. */
    static Scored score(byte[] result) {
        return Checkpoint.fromJson(json(result, "result"));
    }

    /** The {@value #KIND} task kind. */
    public static final class Kind implements TaskKind {
        @Override
        public String name() {
            return KIND;
        }

        @Override
        public Worker open(byte[] context) {
            JsonNode c = context(context);
            SpaceDesigns designs = space(c.path("space"));
            NetworkCoster coster = new NetworkCoster(network(c.path("network")), SettingsJson.read(c.path("inner")));
            return worker(designs, coster);
        }
    }
}
