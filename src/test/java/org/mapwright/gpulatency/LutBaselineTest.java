package org.mapwright.gpulatency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LutBaselineTest {

    @Test
    void calibratedScaleIsTheMeanLogRatio() {
        double[] table = {Math.log(1), Math.log(2), Math.log(4)};
        double[] measured = {Math.log(2), Math.log(8), Math.log(8)};
        // ratios 2, 4, 2: geometric mean 2^(4/3)
        assertEquals(4.0 / 3 * Math.log(2), LutBaseline.logScale(table, measured), 1e-12);
    }

    /** Scales that are an exact linear function of the log parameters are fitted exactly (no ridge to speak of). */
    @Test
    void scaleFromParametersFitsALinearLaw() {
        List<GpuDevice> train = Folds.leaveOneGpuOut(GpuDevices.all()).get(3).train();
        double[] s = train.stream().mapToDouble(LutBaselineTest::law).toArray();
        LutBaseline.ScaleModel m = LutBaseline.fitScale(train, s, 1e-9);
        for (GpuDevice d : train) {
            assertEquals(law(d), m.predict(d), 1e-6, d.name());
        }
    }

    @Test
    void aStrongRidgeShrinksTowardsTheMeanScale() {
        List<GpuDevice> train = GpuDevices.all().subList(0, 6);
        double[] s = train.stream().mapToDouble(LutBaselineTest::law).toArray();
        LutBaseline.ScaleModel m = LutBaseline.fitScale(train, s, 1e9);
        double mean = java.util.Arrays.stream(s).average().orElseThrow();
        assertEquals(mean, m.predict(GpuDevices.named("v100_64")), 1e-6);
    }

    /** ln scale = 0.5 ln batch - ln bandwidth + 2. */
    private static double law(GpuDevice d) {
        return 0.5 * Math.log(d.batch()) - Math.log(d.gpu().memoryBandwidthGBs()) + 2;
    }
}
