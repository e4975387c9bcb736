package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;

/**
 * The built-in DSL row-stationary constraints say exactly what the Timeloop exercise's constraints.yaml says, for
 * every reference layer they were used with.
 */
class ConstraintsEquivalenceTest {

    @TestFactory
    Stream<DynamicTest> rowStationaryMatchesTheTimeloopConstraints() {
        return Reference.tests(ref -> Reference.find(ref.resolve("mapper/eyeriss_like"), "*/constraints.yaml").stream()
                .map(file -> DynamicTest.dynamicTest(file.getParent().getFileName().toString(), () -> {
                    String wl = file.getParent().getFileName().toString();
                    TimeloopInputs in = TimeloopLoader.load(List.of(ref.resolve("inputs/problems/" + wl + ".yaml"),
                            ref.resolve("inputs/arch/eyeriss_like.yaml"), ref.resolve("inputs/ert/eyeriss_like.yaml"), file), false);
                    Library lib = Frontend.load(List.of(Path.of("workloads/eyeriss_row_stationary.mw")));
                    Constraints dsl = lib.constraints().get("row_stationary").constraints();
                    assertEquals(in.constraints().minUtilization(), dsl.minUtilization());
                    assertEquals(in.constraints().levels().keySet(), dsl.levels().keySet());
                    for (String level : dsl.levels().keySet()) {
                        assertEquals(in.constraints().level(level), dsl.level(level), level);
                    }
                })));
    }
}
