package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Candidate;
import org.mapwright.archspace.Connectivity;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

/**
 * {@code mapwright search-arch} on the tiny search ({@link TinySearch}): the JSON the issue asks for and what its
 * figures mean, the design it reports against the space and the {@code map} and {@code evaluate} commands,
 * determinism, the sizing-only ablation, random search, and bad input. The files of {@code --out} and resuming are
 * {@link SearchArchOutputsTest}'s and {@link SearchArchResumeTest}'s.
 */
class SearchArchCommandTest {
    private static TinySearch.Run first;
    private static JsonNode json;

    @BeforeAll
    static void search() throws Exception {
        first = TinySearch.ok(TinySearch.args());
        json = first.json();
    }

    @Test
    void theJsonHasTheIssuesKeysWithFiguresThatAddUp() {
        JsonNode best = json.get("best");
        for (String k : List.of("edp", "energy_pj", "cycles", "area_mm2")) {
            assertTrue(best.get(k).isNumber() && best.get(k).asDouble() > 0 && Double.isFinite(best.get(k).asDouble()),
                    "best." + k + " = " + best.get(k));
        }
        assertTrue(best.get("arch").asText().startsWith("accelerator searched_tiny_eyeriss {"), best.get("arch").asText());
        double floor = json.get("floor_edp").asDouble();
        assertTrue(floor > 0 && Double.isFinite(floor));
        for (String b : List.of("eyeriss_like", "eyeriss_like_unconstrained")) {
            double edp = json.get("baselines").get(b).get("edp").asDouble();
            assertTrue(edp > 0 && Double.isFinite(edp), b);
        }
        assertTrue(best.get("edp").asDouble() >= floor, "no design beats the floor");
        assertTrue(json.get("evaluated_archs").asLong() >= TinySearch.BUDGET, json.get("evaluated_archs").toString());
        assertEquals(0, json.get("evaluated_archs").asLong() % TinySearch.POPULATION, "whole generations");
        assertEquals(best.get("energy_pj").asDouble() * 1e-12 * best.get("cycles").asLong(), best.get("edp").asDouble(),
                1e-12 * best.get("edp").asDouble());
        // the best's totals are its layers' times their repeats
        double energy = 0;
        long cycles = 0;
        for (JsonNode l : best.get("layers")) {
            energy += l.get("energy_pj").asDouble() * l.get("repeat").asInt();
            cycles += l.get("cycles").asLong() * l.get("repeat").asInt();
        }
        assertEquals(best.get("energy_pj").asDouble(), energy, 1e-9 * energy);
        assertEquals(best.get("cycles").asLong(), cycles);
        // within the space's limits: 16 MACs and 8 KiB on chip
        assertTrue(best.get("compute_units").asLong() <= 16 && best.get("onchip_bytes").asLong() <= 8192, best.toString());
        // the reported best is the best finalist re-mapped by the final mapper
        double minFinal = Double.POSITIVE_INFINITY;
        for (JsonNode f : json.get("finalists")) {
            minFinal = Math.min(minFinal, f.get("edp").asDouble());
        }
        assertEquals(2, json.get("finalists").size());
        assertEquals(minFinal, best.get("edp").asDouble(), 0);
    }

    /** The floor by hand: every MAC at the 16-bit MAC's energy, every layer compute-bound on the limit's 16 MACs. */
    @Test
    void theFloorIsTheMacEnergyAtComputeBoundCycles() {
        Network n = TinySearch.network();
        Architecture best = bestArch(json);
        long macs = 0;
        long cycles = 0;
        for (Layer l : n.layers()) {
            macs += l.workload().macs() * l.repeat();
            cycles += (l.workload().macs() + 15) / 16 * l.repeat();
        }
        assertEquals(4 * 8 * 9 * 16 + 2 * 8 * 8 * 16, macs);
        assertEquals(macs * best.compute().macEnergy(), json.get("floor").get("energy_pj").asDouble(), 1e-9 * macs);
        assertEquals(cycles, json.get("floor").get("cycles").asLong());
        assertEquals(macs * best.compute().macEnergy() * 1e-12 * cycles, json.get("floor_edp").asDouble(),
                1e-9 * json.get("floor_edp").asDouble());
    }

    /** The DSL text is a design of the space, the very one whose key the report gives. */
    @Test
    void theArchTextIsTheSearchedDesign() {
        Architecture parsed = bestArch(json);
        ArchSpace space = TinySearch.space();
        double[] point = space.encode(parsed).orElseThrow(() -> new AssertionError("the best design is not in the space"));
        Candidate c = space.decode(point);
        assertEquals(json.get("best").get("key").asText(), c.key());
        assertTrue(c.feasible(), c.violatedLimits().toString());
        assertEquals(c.architecture().withName(parsed.name()), parsed);
        assertEquals(json.get("best").get("area_mm2").asDouble(), c.usage().areaMm2(), 1e-12);
        assertEquals(json.get("best").get("compute_units").asLong(), c.usage().computeUnits());
    }

    /** {@code map} with the final mapper's settings and seed maps the best design to the reported figures. */
    @Test
    void mapAndEvaluateReproduceTheBest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        JsonNode withOut = TinySearch.ok(TinySearch.args("--out", out.toString())).json();
        assertEquals(TinySearch.comparable(json), TinySearch.comparable(withOut), "--out changes nothing in the result");
        JsonNode fin = json.get("final_mapper");
        JsonNode m = MapCommandTest.ok("map", out.resolve("best.mw").toString(), TinySearch.NET.toString(), "--workload",
                "tinynet", "--mapper", fin.get("name").asText(), "--budget-evals", fin.get("budget_evals").asText(),
                "--seed", fin.get("seed").asText(), "--threads", Integer.toString(TinySearch.THREADS), "--json");
        JsonNode best = json.get("best");
        assertEquals(best.get("cycles").asLong(), m.get("total").get("cycles").asLong());
        assertEquals(best.get("energy_pj").asDouble(), m.get("total").get("energy_pj").asDouble(),
                1e-12 * best.get("energy_pj").asDouble());
        assertEquals(best.get("area_mm2").asDouble(), m.get("area_mm2").asDouble(), 1e-12);
        for (JsonNode l : best.get("layers")) {
            JsonNode e = MapCommandTest.ok("evaluate", out.resolve("mappings.mw").toString(), "--mapping",
                    l.get("name").asText() + "_best", "--json");
            assertTrue(e.get("valid").asBoolean(), e.toString());
            assertEquals(l.get("cycles").asLong(), e.get("cycles").asLong(), l.get("name").asText());
            assertEquals(l.get("energy_pj").asDouble(), e.get("energy_pj").asDouble(), 0, l.get("name").asText());
        }
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() throws Exception {
        JsonNode again = TinySearch.ok(TinySearch.args()).json();
        assertEquals(TinySearch.comparable(json), TinySearch.comparable(again));
        JsonNode other = TinySearch.ok(TinySearch.args("--seed", "2", "--final-top", "0")).json();
        assertNotEquals(json.get("best_edp_per_generation"), other.get("best_edp_per_generation"));
    }

    /**
     * Threads score designs in parallel; the search's figures do not depend on them. The final re-mapping's do, as
     * {@code map}'s do (its budget is shared among the threads), so they are compared without it.
     */
    @Test
    void threadsDoNotChangeTheSearch() throws Exception {
        JsonNode one = TinySearch.ok(TinySearch.args("--threads", "1", "--final-top", "0")).json();
        JsonNode two = TinySearch.ok(TinySearch.args("--final-top", "0")).json();
        assertEquals(TinySearch.comparable(one), TinySearch.comparable(two));
        assertEquals(json.get("best").get("search_edp"), two.get("best").get("edp"));
        assertEquals(json.get("evaluated_archs"), one.get("evaluated_archs"));
        assertEquals(json.get("pareto"), one.get("pareto"));
    }

    /** The ablation fixes every searched axis to the space's reference dataflow. */
    @Test
    void sizingOnlyKeepsTheReferenceDataflow() throws Exception {
        TinySearch.Run r = TinySearch.ok(TinySearch.args(List.of("--final-top", "0"), "--sizing-only"));
        JsonNode j = r.json();
        assertTrue(j.get("sizing_only").asBoolean());
        assertFalse(json.get("sizing_only").asBoolean());
        assertTrue(coordinates(r.err()) < coordinates(first.err()), r.err());
        Architecture best = bestArch(j);
        ArchSpace space = TinySearch.space();
        int checked = 0;
        for (FanoutSpec f : space.fanouts()) {
            StorageLevel from = best.levels().stream().filter(l -> l.name().equals(f.from())).findFirst().orElseThrow();
            checked += axis(f.onX(), from.fanout().allowedX()) + axis(f.onY(), from.fanout().allowedY());
        }
        assertEquals(2, checked, "both searched axes were checked");
        // every design on the Pareto front has the same connectivity as the best
        String wiring = wiring(j.get("best").get("key").asText());
        for (JsonNode p : j.get("pareto")) {
            assertEquals(wiring, wiring(p.get("key").asText()));
        }
    }

    @Test
    void randomSearchRuns() throws Exception {
        JsonNode j = TinySearch.ok(TinySearch.args("--strategy", "random", "--final-top", "0")).json();
        assertEquals("random", j.get("strategy").asText());
        assertTrue(j.get("evaluated_archs").asLong() >= TinySearch.BUDGET);
        assertTrue(j.get("best").get("edp").asDouble() >= j.get("floor_edp").asDouble());
        assertNotEquals(TinySearch.comparable(json.get("pareto")), TinySearch.comparable(j.get("pareto")));
    }

    @Test
    void badInputIsExplained() throws Exception {
        String space = TinySearch.SPACE.toString();
        String net = TinySearch.NET.toString();
        bad("--space: error: There is no space `eyeriss_resource` in the input files or the built-in library; did you "
                + "mean `eyeriss_resources`? Give a DSL file that declares one, or a built-in space: eyeriss_resources, "
                + "edge_resources, cloud_resources.", "--space", "eyeriss_resource");
        bad("--space: error: There is no space `tiny_eyeris` in the input files or the built-in library; did you mean "
                + "`tiny_eyeriss`? Give a DSL file that declares one, or a built-in space: eyeriss_resources, "
                + "edge_resources, cloud_resources.", List.of("--space", "tiny_eyeris"), space);
        bad("--space: error: There is no space `lab` in the input files or the built-in library. Give a DSL file that "
                + "declares one, or a built-in space: eyeriss_resources, edge_resources, cloud_resources.", "--space", "lab");
        bad("--space: error: " + net + " declares 0 spaces; give a file with exactly one, or name the space and pass "
                + "the file as an argument.", "--space", net);
        bad("--space: error: No such file: nope.mw; give a DSL file that declares a space, or a built-in space's name.",
                "--space", "nope.mw");
        bad("--workload: error: There is no network `tinynett` in the input files or the built-in library; did you mean "
                + "`tinynet`? The built-in networks are resnet50, vgg16, mobilenet_v2, alexnet, bert_base.",
                "--workload", "tinynett");
        bad("--budget-archs: error: The budget must be at least one design, got 0.", "--budget-archs", "0");
        bad("--strategy: error: Unknown search strategy 'nope'; known: cmaes, random.", "--strategy", "nope");
        bad("--inner-mapper: error: Unknown mapper `nope`; the mappers are anneal, default, exhaustive, genetic, "
                + "gradient, random.", "--inner-mapper", "nope");
        bad("--population: error: A generation needs at least two candidates, got 1.", "--population", "1");
        bad("--final-top: error: Give 0 or more designs to re-map, got -1.", "--final-top", "-1");
        bad("--threads: error: Give at least one thread, got 0.", "--threads", "0");
        bad("--out: error: " + net + " is a file, not a directory; give a directory for the results.", "--out", net);
    }

    private static void bad(String message, String... overrides) throws Exception {
        bad(message, List.of(overrides));
    }

    private static void bad(String message, List<String> overrides, String... files) throws Exception {
        List<String> args = new ArrayList<>(List.of(TinySearch.args(overrides)));
        args.addAll(2, List.of(files));
        TinySearch.Run r = TinySearch.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(message + "\n", r.err());
        assertEquals("", r.out());
    }

    /** The accelerator of the report's DSL text. */
    static Architecture bestArch(JsonNode j) {
        return Frontend.loadText("best.mw", j.get("best").get("arch").asText()).accelerators()
                .get("searched_tiny_eyeriss");
    }

    /** Checks one axis of the best design against the space's; 1 if it was a searched axis, else 0. */
    private static int axis(Connectivity spec, Optional<Set<String>> allowed) {
        if (spec instanceof Connectivity.Searched s) {
            assertEquals(s.reference(), allowed);
            return 1;
        }
        if (spec instanceof Connectivity.Fixed f) {
            assertEquals(Optional.of(f.dims()), allowed);
        }
        return 0;
    }

    private static int coordinates(String err) {
        Matcher m = Pattern.compile(": (\\d+) coordinates,").matcher(err);
        assertTrue(m.find(), err);
        return Integer.parseInt(m.group(1));
    }

    /** The fan-outs' mesh and dimension part of a design key. */
    private static String wiring(String key) {
        Matcher m = Pattern.compile("\\[[^\\]]*\\]").matcher(key);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group());
        }
        return sb.toString();
    }
}
