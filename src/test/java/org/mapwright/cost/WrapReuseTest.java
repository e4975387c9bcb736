package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapping.Mapping;
import org.mapwright.testing.RandomMappings;
import org.mapwright.timeloop.TimeloopInputs;
import org.mapwright.timeloop.TimeloopLoader;
import org.mapwright.workload.Workload;

/**
 * Sliding windows whose reuse survives a loop wrap ({@link WrapReuse}): constructed mappings in
 * {@code src/test/resources/wrap/}, each evaluated by the model and compared with counts from the real Timeloop.
 *
 * <p>Every expected number below came from timeloop-model v3.0.3 (../shared/tools/timeloop), run from
 * {@code src/test/resources/wrap/} as
 * <pre>
 *   TIMELOOP_DISABLE_LINK_TRANSFERS=1 [TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1] \
 *     ../../../../../shared/tools/timeloop/run-model -o OUT PROBLEM arch.yaml ert.yaml CASE.mapping.yaml
 * </pre>
 * once in the default (extrapolating) mode and once in the exact mode; counts are totals over instances (per-instance
 * count times utilized instances) and energy is the "Total" fJ/Compute times the computes. The model must equal the
 * exact mode, and {@link AnalyticalModel#timeloopDefaultMode} the default mode's Inputs counts.
 */
class WrapReuseTest {
    /** Inputs reads and fills at one level, in the exact and in the default mode. */
    record Inputs(String level, long reads, long fills, long defaultReads, long defaultFills) {
    }

    record Case(String name, String problem, long cycles, double energyPj, List<Inputs> inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // DRAM P2 then R2 innermost; P tile 6 = 2 x R tile 3: the window keeps sliding across R's wrap.
                new Case("m_dosa", "problem.yaml", 5184, 168120.023, List.of(
                        new Inputs("DRAM", 272, 0, 272, 0),
                        new Inputs("glb", 1152, 272, 1152, 272),
                        new Inputs("spad", 5184, 1152, 5184, 1152))),
                // DRAM P2 then R3; P tile 6 = 3 x R tile 2: the exact mode slides across the wrap, the default
                // mode compares with iteration #1 of R and reloads.
                new Case("m_exact", "problem.yaml", 5184, 170207.983, List.of(
                        new Inputs("DRAM", 272, 0, 352, 0),
                        new Inputs("glb", 1152, 272, 1152, 352))),
                // DRAM P3, R3, M2 innermost; P tile 4 = 2 x R tile 2: a P step puts the window back in place.
                new Case("m_still", "problem.yaml", 5184, 373464.017, List.of(
                        new Inputs("DRAM", 560, 0, 720, 0),
                        new Inputs("glb", 2304, 560, 2304, 720),
                        new Inputs("spad", 5184, 2304, 5184, 2304))),
                // glb P2 then R6 above 2 PEs split on P: a P step moves the PE's window by 3 x 2 = 6 R steps.
                new Case("m_spatial", "problem.yaml", 2592, 206160.008, List.of(
                        new Inputs("DRAM", 272, 0, 272, 0),
                        new Inputs("glb", 896, 272, 1024, 272),
                        new Inputs("spad", 5184, 896, 5184, 1024))),
                // DRAM P2, M2, R2 innermost: M's steps reset, the P step (wrapping M and R) slides like an R step.
                new Case("m_twowraps", "problem.yaml", 5184, 249624.012, List.of(
                        new Inputs("DRAM", 624, 0, 624, 0),
                        new Inputs("glb", 2304, 624, 2304, 624))),
                // Control: P tile 4 differs from 2 x R tile 3, so every P step reloads.
                new Case("m_nowrap", "problem.yaml", 5184, 216143.977, List.of(
                        new Inputs("DRAM", 432, 0, 432, 0),
                        new Inputs("glb", 1152, 432, 1152, 432))),
                // Stride 2 on H: Q tile 2 x stride 2 = 2 x S tile 2.
                new Case("m_h2", "problem_h2.yaml", 384, 48840.0, List.of(
                        new Inputs("DRAM", 112, 0, 112, 0),
                        new Inputs("glb", 192, 112, 192, 112),
                        new Inputs("spad", 384, 192, 384, 192))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTimeloopExactMode(Case c) throws URISyntaxException {
        Path dir = Path.of(WrapReuseTest.class.getResource("/wrap/arch.yaml").toURI()).getParent();
        TimeloopInputs in = TimeloopLoader.load(List.of(dir.resolve(c.problem()), dir.resolve("arch.yaml"),
                dir.resolve("ert.yaml"), dir.resolve(c.name() + ".mapping.yaml")), true);
        Evaluation e = new AnalyticalModel(in.workload(), in.architecture()).evaluate(in.mapping().orElseThrow());
        assertTrue(e.valid(), e::reason);
        assertEquals(c.cycles(), e.cycles(), "cycles");
        assertEquals(c.energyPj(), e.energyPj(), 1e-6 * c.energyPj(), "energy");
        Evaluation d = AnalyticalModel.timeloopDefaultMode(new ModelSpec(in.workload(), in.architecture()))
                .evaluate(in.mapping().orElseThrow());
        for (Inputs x : c.inputs()) {
            TensorStats ts = e.level(x.level()).orElseThrow().tensors().get("Inputs");
            assertEquals(x.reads(), ts.readsTotal(), x.level() + " Inputs reads");
            assertEquals(x.fills(), ts.fillsTotal(), x.level() + " Inputs fills");
            TensorStats td = d.level(x.level()).orElseThrow().tensors().get("Inputs");
            assertEquals(x.defaultReads(), td.readsTotal(), x.level() + " Inputs reads, default-mode emulation");
            assertEquals(x.defaultFills(), td.fillsTotal(), x.level() + " Inputs fills, default-mode emulation");
        }
    }

    /**
     * The model takes the full rule only where {@link WrapReuse#mayDiffer} says it can matter; on random mappings
     * of strided and unit-stride convolutions, the full rule must give the same loads wherever the cheap rule ran.
     */
    @Test
    void cheapRuleAgreesWithFullRuleWhereverItIsUsed() {
        Architecture a = new Architecture("roomy", List.of(
                Fixtures.level("DRAM", StorageLevel.UNBOUNDED, 1, Fixtures.INF, Fixtures.INF, 100, 100, Fanout.NONE),
                Fixtures.level("glb", 1 << 20, 1, Fixtures.INF, Fixtures.INF, 5, 6, Fanout.of(4, 1)),
                Fixtures.level("row", 1 << 16, 1, Fixtures.INF, Fixtures.INF, 2, 3, Fanout.of(1, 3)),
                Fixtures.level("spad", 1 << 16, 1, Fixtures.INF, Fixtures.INF, 1, 1, Fanout.NONE)),
                new ComputeUnit("mac", 1, 0));
        SplittableRandom rnd = new SplittableRandom(20261130);
        int compared = 0;
        int full = 0;
        List<Workload> layers = List.of(Fixtures.conv("s1", 2, 4, 6, 3, 12, 6, 1),
                Fixtures.conv("s2", 2, 2, 4, 4, 6, 4, 2));
        for (Workload w : layers) {
            ModelSpec spec = new ModelSpec(w, a);
            AnalyticalModel model = new AnalyticalModel(spec);
            Workspace ws = model.newWorkspace();
            for (int i = 0; i < 4000; i++) {
                Mapping m = RandomMappings.sample(w, a, rnd);
                LoopNest n = LoopNest.of(m, spec);
                if (!model.evaluate(n, ws)) {
                    continue;
                }
                for (int l = 1; l < spec.nl; l++) {
                    for (int t = 0; t < spec.nt; t++) {
                        if ((n.keep[l] >>> t & 1) == 0) {
                            continue;
                        }
                        long expected = WrapReuse.loads(spec, n, ws, l, t, false);
                        int level = l;
                        int tensor = t;
                        assertEquals(expected, ws.loads[l * spec.nt + t],
                                () -> "level " + level + ", tensor " + tensor + " of " + m);
                        compared++;
                        if (expected != ws.tile[l * spec.nt + t] * ws.aboveProd[l]) {
                            full++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 5000, "too few valid random mappings: " + compared);
        assertTrue(full > 1000, "too few mappings with any temporal reuse: " + full);
    }
}
