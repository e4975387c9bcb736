package org.mapwright.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mapwright.search.Budget;
import org.mapwright.search.CostOracles;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.OracleOptions;

/**
 * {@link NetworkMapper.Settings} as JSON and back, for the context of a task that another process runs: plug-ins
 * (mapper, cost oracle) by name, found again through their services there.
 */
public final class SettingsJson {
    private SettingsJson() {
    }

    public static ObjectNode write(NetworkMapper.Settings s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("mapper", s.mapper().name());
        o.put("objective", s.objective().metrics().stream().map(Enum::name).collect(Collectors.joining(",")));
        ObjectNode b = o.putObject("budget");
        b.put("evaluations", s.budget().evaluations());
        b.put("seconds", s.budget().seconds());
        b.put("victory", s.budget().victory());
        b.put("invalid_streak", s.budget().invalidStreak());
        o.put("seed", s.seed());
        o.put("threads", s.threads());
        o.put("oracle", s.oracle().name());
        o.set("oracle_options", write(s.oracleOptions()));
        return o;
    }

    /** A cost oracle's options as JSON. */
    public static ObjectNode write(OracleOptions options) {
        ObjectNode oo = JsonNodeFactory.instance.objectNode();
        options.timeloop().ifPresent(p -> oo.put("timeloop", p.toString()));
        oo.put("call_timeout_seconds", options.callTimeoutSeconds());
        oo.put("cache_entries", options.cacheEntries());
        return oo;
    }

    /** The options {@link #write(OracleOptions)} wrote. */
    public static OracleOptions oracleOptions(JsonNode oo) {
        Optional<Path> timeloop = oo.hasNonNull("timeloop") ? Optional.of(Path.of(oo.get("timeloop").asText()))
                : Optional.empty();
        return new OracleOptions(timeloop, need(oo, "call_timeout_seconds").asDouble(), need(oo, "cache_entries").asInt());
    }

    /** The settings {@link #write} wrote; an {@link IllegalArgumentException} names what is missing or unknown. */
    public static NetworkMapper.Settings read(JsonNode o) {
        JsonNode b = need(o, "budget");
        return new NetworkMapper.Settings(Mappers.byName(need(o, "mapper").asText()),
                Objective.parse(need(o, "objective").asText()),
                new Budget(need(b, "evaluations").asLong(), need(b, "seconds").asDouble(), need(b, "victory").asLong(),
                        need(b, "invalid_streak").asLong()),
                need(o, "seed").asLong(), need(o, "threads").asInt(), CostOracles.byName(need(o, "oracle").asText()),
                oracleOptions(need(o, "oracle_options")));
    }

    private static JsonNode need(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("The mapper settings have no `" + name + "`.");
        }
        return n;
    }
}
