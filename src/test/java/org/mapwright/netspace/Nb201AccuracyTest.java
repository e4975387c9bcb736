package org.mapwright.netspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mapwright.diag.InputException;

class Nb201AccuracyTest {
    /** The NATS-Bench export: every cell, its index, and its accuracy as a fraction. */
    @Test
    void readsTheBenchmarkFile() throws IOException {
        Path f = Data.file(Data.NB201_ACC, "nb201_test_acc_200ep.csv");
        Nb201Accuracy t = Nb201Accuracy.read(f);
        assertEquals(15_625, t.size());
        List<String[]> rows = Data.csv(f);
        String[] h = rows.get(0);
        List<NetCandidate> cells = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            Nb201Candidate c = Nb201Candidate.parse(row[Data.column(h, "arch_str")]);
            assertEquals(Integer.parseInt(row[Data.column(h, "arch_index")]), t.index(c).getAsInt());
            assertEquals(c, t.cell(t.index(c).getAsInt()).orElseThrow());
            cells.add(c);
        }
        double[] p = t.predict(cells);
        double best = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(Double.parseDouble(rows.get(i + 1)[Data.column(h, "cifar10_test_acc")]) / 100, p[i], 1e-12);
            best = Math.max(best, p[i]);
        }
        assertEquals(0.9437, best, 1e-4, "NB201's best CIFAR-10 test accuracy");
        Nb201Accuracy c100 = Nb201Accuracy.read(f, "cifar100_test_acc", Nb201Accuracy.Unit.PERCENT);
        assertEquals(0.70293333, c100.predict(List.of(t.cell(1).orElseThrow()))[0], 1e-8);
    }

    static Stream<Arguments> badFiles() {
        String h = "arch_index,arch_str,cifar10_test_acc\n";
        String a = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
        String b = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        return Stream.of(
                Arguments.of("", Nb201Accuracy.Unit.PERCENT, "t.csv:1:1: error: The file is empty; it needs a header line"
                        + " naming the columns arch_str and cifar10_test_acc, then one row per NB201 cell."),
                Arguments.of("arch_index,arch_str,acc\n1," + a + ",93.6\n", Nb201Accuracy.Unit.PERCENT,
                        "t.csv:1:1: error: The header has no column cifar10_test_acc; its columns are [arch_index, arch_str,"
                        + " acc]. Add it, or choose the accuracy column that holds top-1."),
                Arguments.of(h + "1," + a + "\n", Nb201Accuracy.Unit.PERCENT, "t.csv:2:1: error: The row has 2 fields but"
                        + " the header has 3; write one value per column, without commas inside values."),
                Arguments.of(h + "1,|conv~0|,93.6\n", Nb201Accuracy.Unit.PERCENT, "t.csv:2:3: error: An NB201 arch string"
                        + " has 3 node groups joined by '+', got 1 in |conv~0|."),
                Arguments.of(h + "1," + a + ",abc\n", Nb201Accuracy.Unit.PERCENT, "t.csv:2:" + (4 + a.length())
                        + ": error: The cifar10_test_acc value abc is not an accuracy in percent (0 to 100); fix the value."),
                Arguments.of(h + "1," + a + ",93.66\n", Nb201Accuracy.Unit.FRACTION, "t.csv:2:" + (4 + a.length())
                        + ": error: The cifar10_test_acc value 93.66 is not an accuracy in fractions (0 to 1); it looks"
                        + " like percent: read the file with unit PERCENT."),
                Arguments.of(h + "1," + a + ",0.9366\n2," + b + ",0.1\n", Nb201Accuracy.Unit.PERCENT, "t.csv:2:"
                        + (4 + a.length()) + ": error: Every cifar10_test_acc value is at most 1 (the largest, 0.9366, is"
                        + " here), so the file holds fractions, not percent; read it with unit FRACTION."),
                Arguments.of(h + "1," + a + ",93.6\n2," + a + ",93.6\n", Nb201Accuracy.Unit.PERCENT, "t.csv:3:3: error:"
                        + " Cell " + a + " is listed twice (first on line 2); keep one row per cell."),
                Arguments.of(h + "1," + a + ",93.6\n1," + b + ",10\n", Nb201Accuracy.Unit.PERCENT, "t.csv:3:1: error: The"
                        + " arch_index 1 is listed twice (first on line 2); every cell has its own index."),
                Arguments.of(h, Nb201Accuracy.Unit.PERCENT, "t.csv:2:1: error: The file has a header but no rows; add one"
                        + " row per cell."));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFilesGetLocatedErrors(String text, Nb201Accuracy.Unit unit, String message, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        InputException e = assertThrows(InputException.class, () -> Nb201Accuracy.read(f, "cifar10_test_acc", unit));
        assertEquals(message.replace("t.csv", f.toString()), e.report());
    }

    @Test
    void cellsMissingFromTheTableAreNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "arch_str,cifar10_test_acc\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,10.0\n");
        Nb201Accuracy t = Nb201Accuracy.read(f);
        assertEquals(0.1, t.predict(List.of(Nb201Candidate.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")))[0], 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.predict(List.of(new Nb201Space().named().get(0))));
        assertEquals("Cell |nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
                + " is not in " + f + "; give a table that lists every cell of the search (NB201 has 15,625).", e.getMessage());
        Files.writeString(f, "arch_str,cifar10_test_acc\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,0.25\n");
        assertEquals(0.25, Nb201Accuracy.read(f, "cifar10_test_acc", Nb201Accuracy.Unit.FRACTION)
                .predict(List.of(Nb201Candidate.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")))[0], 1e-12);
        assertEquals(true, t.index(Nb201Candidate.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")).isEmpty());
    }
}
