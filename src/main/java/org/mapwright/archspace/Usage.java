package org.mapwright.archspace;

import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;

/**
 * The resources an accelerator uses, as a space's {@link Limits} count them.
 *
 * @param computeUnits number of compute units
 * @param onChipBytes  storage of every bounded level: capacity x word bits / 8 x instances
 * @param areaMm2      every level's area times its instances, plus the compute units', in mm2
 */
public record Usage(long computeUnits, double onChipBytes, double areaMm2) {

    public static Usage of(Architecture a) {
        double bytes = 0;
        for (int i = 0; i < a.levelCount(); i++) {
            StorageLevel l = a.level(i);
            if (l.isBounded()) {
                bytes += (double) l.capacityWords() * l.wordBits() / 8 * a.instances(i);
            }
        }
        return new Usage(a.computeInstances(), bytes, a.areaUm2() / 1e6);
    }
}
