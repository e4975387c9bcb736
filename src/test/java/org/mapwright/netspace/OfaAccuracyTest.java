package org.mapwright.netspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfaAccuracyTest {
    private static final Path SHIPPED = Path.of("models", OfaAccuracy.FOLDER);

    /** OFA's 20 published test vectors: our features equal theirs, our predictions theirs to 1e-5. */
    @Test
    void matchesThePublishedTestVectors() {
        List<String[]> rows = Data.csv(Data.file(Data.OFA, "ofa_mbv3_acc_predictor_testvectors.csv"));
        String[] h = rows.get(0);
        List<OfaSubnet> subnets = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            OfaSubnet s = new OfaSubnet(ints(row, h, "ks", 20), ints(row, h, "e", 20), ints(row, h, "d", 5),
                    Integer.parseInt(row[Data.column(h, "r")]));
            StringBuilder f = new StringBuilder();
            for (float v : s.features()) {
                f.append(v == 1 ? '1' : '0');
            }
            assertEquals(row[Data.column(h, "features128")], f.toString(), "features of arch " + row[0]);
            subnets.add(s);
        }
        double[] p = OfaAccuracy.shared().predictSubnets(subnets);
        for (int i = 0; i < p.length; i++) {
            assertEquals(Double.parseDouble(rows.get(i + 1)[Data.column(h, "pred_top1")]), p[i], 1e-5, "arch " + i);
        }
        assertEquals(20, p.length);
    }

    private static int[] ints(String[] row, String[] h, String prefix, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = Integer.parseInt(row[Data.column(h, prefix + i)]);
        }
        return v;
    }

    /** The converter turns the shared JSON into exactly the shipped files. */
    @Test
    void converterReproducesTheShippedFiles(@TempDir Path tmp) throws IOException {
        OfaPredictorConverter.convert(Data.file(Data.OFA, "ofa_mbv3_acc_predictor.json"), tmp);
        assertArrayEquals(Files.readAllBytes(SHIPPED.resolve(MlpFile.WEIGHTS)), Files.readAllBytes(tmp.resolve(MlpFile.WEIGHTS)));
        assertEquals(Files.readString(SHIPPED.resolve(MlpFile.CONFIG)), Files.readString(tmp.resolve(MlpFile.CONFIG)));
    }

    /** The copy packaged on the class path (as in the jar) predicts what the checkout's copy does. */
    @Test
    void packagedCopyPredictsTheSame() throws IOException {
        List<NetCandidate> cs = sample(50, 2);
        try (OfaAccuracy local = OfaAccuracy.load(SHIPPED)) {
            double[] a = local.predict(cs);
            double[] b = OfaAccuracy.shared().predict(cs);
            MlpFile packaged = MlpFile.read("classpath", OfaAccuracy::packaged);
            assertEquals(4, packaged.layers().size());
            assertArrayEquals(a, b);
            for (double v : a) {
                assertTrue(v > 0.7 && v < 0.85, "predicted top-1 " + v);
            }
        }
    }

    @Test
    void damagedWeightsAreRefused(@TempDir Path tmp) throws IOException {
        Files.copy(SHIPPED.resolve(MlpFile.CONFIG), tmp.resolve(MlpFile.CONFIG));
        byte[] w = Files.readAllBytes(SHIPPED.resolve(MlpFile.WEIGHTS));
        w[100] ^= 1;
        Files.write(tmp.resolve(MlpFile.WEIGHTS), w);
        IOException e = assertThrows(IOException.class, () -> OfaAccuracy.load(tmp));
        assertEquals(tmp + "/weights.f32 does not match the SHA-256 in model.json; the model is damaged: restore it"
                + " from the repository or rerun its converter.", e.getMessage());
    }

    /** The largest subnet is predicted better than the smallest; other spaces are refused. */
    @Test
    void largestBeatsSmallestAndOtherSpacesAreRefused() {
        double[] p = OfaAccuracy.shared().predict(new OfaSpace().named());
        assertTrue(p[0] > p[1] + 0.03, p[0] + " vs " + p[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfaAccuracy.shared().predict(new Nb201Space().named()));
        assertEquals("OFA's accuracy predictor covers space ofa-mbv3 only; got a candidate of space nb201.", e.getMessage());
    }

    /** Batches of thousands of candidates go through in well under a second. */
    @Test
    void batchPredictionIsFast() {
        List<NetCandidate> cs = sample(5000, 3);
        OfaAccuracy m = OfaAccuracy.shared();
        m.predict(cs.subList(0, 100));
        long t0 = System.nanoTime();
        double[] p = m.predict(cs);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("OFA accuracy predictor: %d candidates in %.3f s (%.0f per second)%n", p.length, s, p.length / s);
        assertTrue(p.length / s > 2000, p.length / s + " per second");
    }

    private static List<NetCandidate> sample(int n, long seed) {
        OfaSpace space = new OfaSpace();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<NetCandidate> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cs.add(space.random(rnd));
        }
        return cs;
    }
}
