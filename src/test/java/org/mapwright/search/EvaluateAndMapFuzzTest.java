package org.mapwright.search;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.diag.InputException;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.testing.Sanity;
import org.mapwright.workload.Workload;

/**
 * Fuzzes evaluation and search on fuzz-derived inputs: the input is DSL text; every mapping it declares is evaluated,
 * and the first layer it declares is searched on the first accelerator it declares with a tiny evaluation budget, as
 * {@code mapwright map} would. Only the located {@link InputException} (and, as the command line reports it, a
 * mapspace without any legal mapping) may end a run early; every evaluation and the best mapping found must keep
 * {@link Sanity}'s invariants. Without {@code JAZZER_FUZZ} this runs the committed corpus under
 * {@code src/test/resources/org/mapwright/search/EvaluateAndMapFuzzTestInputs/evaluateAndMap/}.
 */
public class EvaluateAndMapFuzzTest {
    private static final MapperProvider RANDOM = Mappers.byName("random");

    @FuzzTest(maxDuration = "10m")
    void evaluateAndMap(byte[] input) {
        evaluateAndMapTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void evaluateAndMapTarget(byte[] input) {
        Library lib;
        try {
            lib = Frontend.loadText("fuzz.mw", new String(input, StandardCharsets.UTF_8));
        } catch (InputException e) {
            return;
        }
        int evaluated = 0;
        for (BoundMapping m : lib.mappings().values()) {
            if (evaluated++ == 4) {
                break;
            }
            Sanity.check(new AnalyticalModel(m.workload(), m.architecture()).evaluate(m.mapping()));
        }
        Iterator<Workload> layers = lib.layers().values().iterator();
        Iterator<Architecture> archs = lib.accelerators().values().iterator();
        if (!layers.hasNext() || !archs.hasNext()) {
            return;
        }
        Workload w = layers.next();
        Architecture a = archs.next();
        Mapspace space;
        try {
            space = new Mapspace(w, a, Constraints.NONE);
        } catch (NoLegalMappingException e) {
            return;
        }
        LowerBound.of(space);
        SearchResult r = SearchDriver.run(space, RANDOM, SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(8), 1));
        r.bestMapping().ifPresent(m -> Sanity.check(new AnalyticalModel(w, a).evaluate(m)));
    }
}
