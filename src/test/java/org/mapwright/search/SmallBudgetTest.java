package org.mapwright.search;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mapwright.cli.Main;

class SmallBudgetTest {
    @Test
    void aBudgetSmallerThanTheThreadCountStillEnds() {
        // a thread's share of 0 evaluations once meant "no limit", and the search never ended
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.run(new String[] {"map", "--arch",
                "eyeriss_like", "--workload", "mobilenet_v2", "--layer", "conv1", "--budget-evals", "1", "--threads", "2"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("in 1 evaluations"), err.toString());
        assertTrue(rc == 0 || rc == 2, "exit " + rc);
    }
}
