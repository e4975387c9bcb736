package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --engine}, {@code --master} and {@code --engine-conf} in the core jar, which has the local engine only. */
class EngineChoiceTest {

    static void refused(String option, String message, String... args) throws Exception {
        TinySearch.Run r = TinySearch.run(args);
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(option), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void sparkIsNotInTheCoreJarAndTheErrorSaysWhereItIs() throws Exception {
        refused("--engine", "mapwright-spark/target/mapwright-spark.jar", TinySearch.args("--engine", "spark"));
        refused("--engine", "the engines are local", TinySearch.args("--engine", "hadoop"));
    }

    @Test
    void aMasterOrSettingsNeedAClusterEngine() throws Exception {
        refused("--master", "--engine spark", TinySearch.args("--master", "local[2]"));
        refused("--engine-conf", "--engine spark", TinySearch.args("--engine-conf", "spark.executor.memory=1g"));
        refused("--master", "--engine spark", "surrogate", "data", "--family", "eyeriss", "--pairs", "2",
                "--out", "/tmp/never-written.bin", "--master", "local[2]");
    }

    @Test
    void theLocalEngineNamedIsTheDefault() throws Exception {
        TinySearch.Run named = TinySearch.ok(TinySearch.args("--engine", "local"));
        TinySearch.Run plain = TinySearch.ok(TinySearch.args());
        assertEquals(TinySearch.comparable(plain.json()), TinySearch.comparable(named.json()));
    }
}
