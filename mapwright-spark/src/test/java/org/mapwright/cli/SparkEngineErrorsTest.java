package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mapwright.spark.LocalCluster;

/**
 * Bad Spark options are located input errors before any work; a cluster that cannot give the job an executor ends
 * the command with a message (exit 3) instead of waiting for ever.
 */
class SparkEngineErrorsTest {

    static void refused(String option, String message, String... more) throws Exception {
        String[] a = SparkSameAnswersTest.with(TinySearch.args(), more);
        TinySearch.Run r = TinySearch.run(a);
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(option + ": error: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("generation 1"), "refused before searching: " + r.err());
    }

    @Test
    void aMasterSparkDoesNotKnowIsRefused() throws Exception {
        refused("--master", "is not a Spark master", "--engine", "spark", "--master", "spark:/nohost");
        refused("--master", "is not a Spark master", "--engine", "spark", "--master", "local[0]");
    }

    @Test
    void aSettingThatIsNotSparksIsRefused() throws Exception {
        refused("--engine-conf", "spark.executor.memory=2g", "--engine", "spark", "--engine-conf", "executor.memory=2g");
    }

    @Test
    @Timeout(120)
    void aClusterWithoutRoomForAnExecutorEndsTheSearchWithAMessage() throws Exception {
        // the only worker offers 512 MB and the job asks for executors of 2 GB: none can start
        try (LocalCluster cluster = LocalCluster.builder().workers(1).workerMemory("512m").start()) {
            long start = System.nanoTime();
            TinySearch.Run r = TinySearch.run(SparkSameAnswersTest.with(TinySearch.args(), "--engine", "spark",
                    "--master", cluster.masterUrl(), "--engine-conf", "spark.executor.memory=2g",
                    "--engine-conf", "spark.mapwright.executorWaitSeconds=5"));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(Main.ORACLE_FAILED, r.code(), r.err());
            assertTrue(r.err().contains("mapwright: error: No Spark executor joined " + cluster.masterUrl()
                    + " within 5 s"), r.err());
            assertTrue(seconds < 60, "ended after " + seconds + " s");
        }
    }
}
