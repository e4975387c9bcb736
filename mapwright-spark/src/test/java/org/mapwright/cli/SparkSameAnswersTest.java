package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.surrogate.Dataset;

/**
 * The same command with the same seed gives the same answer in this process (its own threads) and on Spark
 * ({@code --engine spark --master local[2]}): search-arch and search-co (every generation's scores, the finalists,
 * the best design and network, the baselines), and surrogate data (every row).
 */
class SparkSameAnswersTest {
    static final String[] SPARK = {"--engine", "spark", "--master", "local[2]"};

    static String[] with(String[] args, String... more) {
        String[] a = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }

    @Test
    void searchArchOnSparkGivesTheInProcessAnswer() throws Exception {
        String[] args = TinySearch.args();
        TinySearch.Run local = TinySearch.ok(args);
        TinySearch.Run spark = TinySearch.ok(with(args, SPARK));
        assertTrue(spark.err().contains("Candidates are scored on spark local[2]"), spark.err());
        assertEquals(TinySearch.comparable(local.json()), TinySearch.comparable(spark.json()));
        assertEquals(TinySearch.BUDGET, spark.json().path("evaluated_archs").asLong(), spark.out());
    }

    @Test
    void searchCoOnSparkGivesTheInProcessAnswer() throws Exception {
        String[] args = SearchCoCommandTest.args();
        TinySearch.Run local = TinySearch.ok(args);
        TinySearch.Run spark = TinySearch.ok(with(args, SPARK));
        assertTrue(spark.err().contains("Designs are scored on spark local[2]"), spark.err());
        JsonNode a = TinySearch.comparable(local.json(), "search_seconds");
        JsonNode b = TinySearch.comparable(spark.json(), "search_seconds");
        assertEquals(a, b);
        assertEquals(16, b.path("search").path("designs_scored").asInt(), spark.out());
    }

    @Test
    void surrogateDataOnSparkHasTheInProcessRows(@TempDir Path dir) throws Exception {
        String[] args = {"surrogate", "data", "--family", "eyeriss", "--pairs", "37", "--per-pair", "12", "--seed", "5",
            "--threads", "2"};
        Path local = dir.resolve("local.bin");
        Path spark = dir.resolve("spark.bin");
        String[] l0 = BadInputCorpusTest.run(with(args, "--out", local.toString()));
        assertEquals("0", l0[0], l0[2]);
        String[] s = BadInputCorpusTest.run(with(args, with(new String[] {"--out", spark.toString()}, SPARK)));
        assertEquals("0", s[0], s[2]);
        assertTrue(s[2].contains("Pairs are labelled on spark local[2]"), s[2]);
        Dataset.Rows l = Dataset.read(local);
        Dataset.Rows k = Dataset.read(spark);
        assertEquals(37 * 12, k.group().length);
        assertEquals(l.features(), k.features());
        assertArrayEquals(l.x(), k.x());
        assertArrayEquals(l.y(), k.y());
        assertArrayEquals(l.group(), k.group());
        assertEquals(TinySearch.comparable(l.meta()), TinySearch.comparable(k.meta()));
    }
}
