package org.mapwright.search;

import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * A cost no mapping of the space can beat: every MAC at full utilization, every tensor moved once through each
 * level it must pass (DRAM, and levels the constraints make keep it: one write in and one read out per element),
 * and DRAM traffic no faster than its bandwidth. It ignores reuse limits, so real mappings land above it; results
 * report {@code edp / lowerBound} to show the headroom that may be left.
 *
 * @param energyPj energy bound in pJ
 * @param cycles   cycle bound
 */
public record LowerBound(double energyPj, long cycles) {

    public double edp() {
        return energyPj * 1e-12 * cycles;
    }

    public static LowerBound of(Mapspace space) {
        Workload w = space.workload();
        Architecture a = space.architecture();
        double energy = w.macs() * a.compute().macEnergy();
        StorageLevel dram = a.level(0);
        long operandWords = 0;
        long outputWords = 0;
        for (int t = 0; t < w.tensors().size(); t++) {
            Tensor ten = w.tensors().get(t);
            long size = w.tensorSize(ten);
            energy += size * (ten.output() ? dram.writeEnergy() : dram.readEnergy()) / dram.blockSize();
            if (ten.output()) {
                outputWords += size;
            } else {
                operandWords += size;
            }
            for (int l = 1; l < a.levelCount(); l++) {
                if ((space.fixedKeeps(l) >>> t & 1) != 0) {
                    StorageLevel s = a.level(l);
                    energy += size * (s.writeEnergy() + s.readEnergy()) / s.blockSize();
                }
            }
        }
        long cycles = (w.macs() + a.computeInstances() - 1) / a.computeInstances();
        cycles = Math.max(cycles, (long) Math.ceil(operandWords / dram.readBandwidth()));
        cycles = Math.max(cycles, (long) Math.ceil(outputWords / dram.writeBandwidth()));
        cycles = Math.max(cycles, (long) Math.ceil((operandWords + outputWords) / dram.sharedBandwidth()));
        return new LowerBound(energy, cycles);
    }
}
