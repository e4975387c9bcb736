package org.mapwright.archsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.files.AtomicFiles;

/**
 * A search's progress on disk: the scores of every generation evaluated so far, under a fingerprint of everything
 * that decides the search (space, network, strategy, seed, inner mapper and budgets). Strategies are deterministic
 * given their seed and the fitness told, so a resumed search replays the recorded generations through a fresh
 * strategy, checking that it asks for the same candidates, and goes on from there: it ends exactly as an
 * uninterrupted run with the same seed does.
 */
public final class Checkpoint {
    static final String FORMAT = "mapwright-archsearch-checkpoint/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {
    }

    /** Writes the fingerprint and generations to {@code file}, atomically. */
    static void write(Path file, String fingerprint, List<List<Scored>> generations) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("fingerprint", fingerprint);
        ArrayNode gens = root.putArray("generations");
        for (List<Scored> g : generations) {
            ArrayNode a = gens.addArray();
            for (Scored s : g) {
                a.add(toJson(s));
            }
        }
        AtomicFiles.write(file, root.toString());
    }

    /**
     * The generations recorded in {@code file} for a search with this fingerprint; empty when there is no file.
     *
     * @throws InputException when the file is not a checkpoint, or one of another search
     */
    public static Optional<List<List<Scored>>> read(Path file, String fingerprint) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputException(SourceSpan.file(file.toString()), "This search checkpoint cannot be read ("
                    + firstLine(e.getMessage()) + "); delete it to start the search afresh.");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new InputException(SourceSpan.file(file.toString()), "This is not a search checkpoint of this "
                    + "version; delete it or give another --out directory.");
        }
        if (!fingerprint.equals(root.path("fingerprint").asText())) {
            throw new InputException(SourceSpan.file(file.toString()), "This checkpoint is of another search (a "
                    + "different space, network, strategy, seed, mapper or budget): resume with the same options, "
                    + "or give another --out directory.");
        }
        List<List<Scored>> gens = new ArrayList<>();
        try {
            for (JsonNode g : root.path("generations")) {
                List<Scored> list = new ArrayList<>();
                for (JsonNode s : g) {
                    list.add(fromJson(s));
                }
                gens.add(list);
            }
        } catch (RuntimeException e) {
            throw new InputException(SourceSpan.file(file.toString()), "This search checkpoint is damaged ("
                    + e.getMessage() + "); delete it to start the search afresh.");
        }
        return Optional.of(gens);
    }

    /** A score as JSON (null for a number that is not finite). */
    static ObjectNode toJson(Scored s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", s.key());
        o.put("violation", s.violation());
        ArrayNode p = o.putArray("problems");
        s.problems().forEach(p::add);
        putNumber(o, "energy_pj", s.energyPj());
        o.put("cycles", s.cycles());
        putNumber(o, "edp", s.edp());
        o.put("area_mm2", s.areaMm2());
        o.put("compute_units", s.computeUnits());
        o.put("onchip_bytes", s.onChipBytes());
        return o;
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /** The score {@link #toJson} wrote. */
    static Scored fromJson(JsonNode o) {
        List<String> problems = new ArrayList<>();
        o.path("problems").forEach(n -> problems.add(n.asText()));
        return new Scored(require(o, "key").asText(), require(o, "violation").asDouble(), problems,
                number(o, "energy_pj"), require(o, "cycles").asLong(), number(o, "edp"), require(o, "area_mm2").asDouble(),
                require(o, "compute_units").asLong(), require(o, "onchip_bytes").asLong());
    }

    private static JsonNode require(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull() && !name.equals("energy_pj") && !name.equals("edp")) {
            throw new IllegalArgumentException("a candidate has no " + name);
        }
        return n;
    }

    private static double number(JsonNode o, String name) {
        JsonNode n = require(o, name);
        return n.isNull() ? Double.NaN : n.asDouble();
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }
}
