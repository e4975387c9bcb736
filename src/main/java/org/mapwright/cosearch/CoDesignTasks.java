package org.mapwright.cosearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapwright.archsearch.DesignTasks;
import org.mapwright.archsearch.SpaceDesigns;
import org.mapwright.exec.Bundle;
import org.mapwright.exec.Job;
import org.mapwright.exec.TaskKind;
import org.mapwright.exec.Worker;
import org.mapwright.files.Trees;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netcost.ExactCost;
import org.mapwright.netcost.LearnedCost;
import org.mapwright.netcost.Predictors;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.SettingsJson;
import org.mapwright.netsearch.NetSearch;
import org.mapwright.netsearch.Objective;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.NetSpace;
import org.mapwright.netspace.OfaAccuracy;

/**
 * Co-search design scoring as tasks another process can run: the context holds the architecture space (DSL text),
 * the network space's name, the objective, the inner network search's settings (seed included), the exact mapper's
 * settings, and the cost predictor's files; an item is a point of the architecture space, a result the design's
 * score. The accuracy predictor is the one of the network space, which every Mapwright jar carries.
 */
public final class CoDesignTasks {
    /** The kind of task that scores a design by the best network for it ({@link DesignNetworks}). */
    public static final String KIND = "co-design";

    private CoDesignTasks() {
    }

    /** The worker of a co-search job: scores designs and keeps each design's network search. */
    public static final class CoWorker implements Worker {
        private final Worker scorer;
        private final DesignNetworks networks;

        CoWorker(SpaceDesigns designs, DesignNetworks networks) {
            this.networks = networks;
            this.scorer = DesignTasks.worker(designs, networks);
        }

        @Override
        public byte[] apply(byte[] item) {
            return scorer.apply(item);
        }

        /** The network searches behind the scores (a design searched again gives the same answer). */
        public DesignNetworks networks() {
            return networks;
        }
    }

    /** The job that scores designs of {@code designs} by their own network search. */
    static Job job(SpaceDesigns designs, NetSpace netSpace, LearnedCost predictor, Objective objective,
                   NetSearch.Settings inner, NetworkMapper.Settings exact) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.set("space", DesignTasks.space(designs));
        c.put("net_space", netSpace.name());
        ObjectNode o = c.putObject("objective");
        o.put("goal", objective.goal().name());
        o.put("metric", objective.metric().name());
        o.put("cost_limit", objective.costLimit());
        o.put("accuracy_floor", objective.accuracyFloor());
        o.put("penalty", objective.penalty());
        o.put("weight", objective.weight());
        ObjectNode n = c.putObject("inner");
        n.put("population", inner.population());
        n.put("budget_nets", inner.budgetNets());
        n.put("parents", inner.parents());
        n.put("mutation_rate", inner.mutationRate());
        n.put("crossover", inner.crossover());
        n.put("recheck_top", inner.recheckTop());
        n.put("seed", inner.seed());
        c.set("exact", SettingsJson.write(exact));
        c.set("predictor", packed(predictor));
        return Job.of(KIND, c.toString());
    }

    /** The predictor's files, as it saves them. */
    private static ObjectNode packed(LearnedCost predictor) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mapwright-predictor");
            Path saved = dir.resolve("model");
            predictor.save(saved);
            return Bundle.pack(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the cost predictor to send it to the workers: "
                    + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /** The {@value #KIND} task kind. */
    public static final class Kind implements TaskKind {
        @Override
        public String name() {
            return KIND;
        }

        @Override
        public Worker open(byte[] context) {
            JsonNode c = DesignTasks.context(context);
            SpaceDesigns designs = DesignTasks.space(c.path("space"));
            NetSpace netSpace = NetSpace.forName(c.path("net_space").asText());
            AccuracyModel accuracy = accuracy(netSpace);
            JsonNode o = c.path("objective");
            Objective objective = new Objective(Objective.Goal.valueOf(o.path("goal").asText()),
                    CostMetric.valueOf(o.path("metric").asText()), o.path("cost_limit").asDouble(),
                    o.path("accuracy_floor").asDouble(), o.path("penalty").asBoolean(), o.path("weight").asDouble());
            JsonNode n = c.path("inner");
            NetSearch.Settings inner = new NetSearch.Settings(n.path("population").asInt(), n.path("budget_nets").asLong(),
                    n.path("parents").asDouble(), n.path("mutation_rate").asDouble(), n.path("crossover").asDouble(),
                    n.path("recheck_top").asInt(), n.path("seed").asLong());
            ExactCost exact = new ExactCost(SettingsJson.read(c.path("exact")), 1);
            LearnedCost predictor;
            try {
                predictor = Predictors.load(Bundle.unpack(c.path("predictor"), "mapwright-predictor"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the cost predictor sent by the driver: " + e.getMessage(), e);
            }
            return new CoWorker(designs, new DesignNetworks(netSpace, accuracy, predictor, exact, objective, inner));
        }

        private static AccuracyModel accuracy(NetSpace s) {
            if (!s.name().equals("ofa-mbv3")) {
                throw new IllegalArgumentException("The co-search's workers know the accuracy predictor of ofa-mbv3 "
                        + "only, not of " + s.name() + ".");
            }
            return OfaAccuracy.shared();
        }
    }
}
