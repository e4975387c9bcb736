package org.mapwright.cost;

/**
 * Scratch arrays and results of one evaluation. One per thread: reusing it makes evaluation allocation-free.
 * After {@link AnalyticalModel#evaluate(LoopNest, Workspace)} the public result fields describe the last mapping.
 */
public final class Workspace {
    final int nd;
    final int nt;
    final int nl;
    final long[] extBelow;
    final long[] tAbove;
    final long[] aboveProd;
    final long[] spatialProd;
    final long[] util;
    final long[] tile;
    final long[] partition;
    final long[] loads;
    final long[] reads;
    final long[] fills;
    final long[] updates;
    final double[] tensorEnergy;
    final double[] levelEnergy;
    final double[] networkEnergy;   // per level: its fan-out's network energy (NetworkEnergy; zero when unused)
    final long[] distinct;          // [i * nt + t]: distinct tiles of t among the children of one instance of i
    final long[] levelCycles;
    final double[] slowdown;
    final long[] wrapScratch;
    long[] enumScratch = new long[256];
    final long[] linkIn;
    final long[] linkExt;
    final long[] linkSpan;
    final long[] linkU;
    final long[] linkV;
    final long[] linkW;
    final long[] linkAcc = new long[3];
    final int[] linkDims;
    private long[] linkOffsets = new long[0];
    private long[] linkCodes = new long[0];

    // violations, first MAX_VIOLATIONS kept
    static final int MAX_VIOLATIONS = 32;
    int violationCount;
    final Violation.Kind[] vKind = new Violation.Kind[MAX_VIOLATIONS];
    final int[] vLevel = new int[MAX_VIOLATIONS];
    final int[] vSubject = new int[MAX_VIOLATIONS];
    final long[] vRequested = new long[MAX_VIOLATIONS];
    final long[] vAvailable = new long[MAX_VIOLATIONS];

    /** Whether the last mapping can run on the hardware. */
    public boolean valid;
    /** Total energy in pJ (valid mappings only). */
    public double energy;
    /** Total cycles (valid mappings only). */
    public long cycles;
    /** Cycles if no level were bandwidth-bound: the product of all temporal factors. */
    public long computeCycles;

    public Workspace(ModelSpec spec) {
        nd = spec.nd;
        nt = spec.nt;
        nl = spec.nl;
        extBelow = new long[(nl + 1) * nd];
        tAbove = new long[(nl + 1) * nd];
        aboveProd = new long[nl + 1];
        spatialProd = new long[nl];
        util = new long[nl + 1];
        tile = new long[nl * nt];
        partition = new long[nl * nt];
        loads = new long[nl * nt];
        reads = new long[nl * nt];
        fills = new long[nl * nt];
        updates = new long[nl * nt];
        tensorEnergy = new double[nl * nt];
        levelEnergy = new double[nl];
        networkEnergy = new double[nl];
        distinct = new long[nl * nt];
        levelCycles = new long[nl];
        slowdown = new double[nl];
        linkIn = new long[nl * nt];
        linkDims = new int[nd];
        linkExt = new long[spec.maxAxes];
        linkSpan = new long[spec.maxAxes];
        linkU = new long[spec.maxAxes];
        linkV = new long[spec.maxAxes];
        linkW = new long[spec.maxAxes];
        wrapScratch = new long[2 * nd + 2 * spec.maxAxes];
    }

    /** Energy-delay product in J x cycles, as Timeloop prints it. */
    public double edp() {
        return Cost.edp(energy, cycles);
    }

    public int violationCount() {
        return violationCount;
    }

    /** Kind of the i-th recorded violation of the last invalid mapping ({@code i < min(count, 32)}). */
    public Violation.Kind violationKind(int i) {
        return vKind[i];
    }

    /** Level index of the i-th recorded violation. */
    public int violationLevel(int i) {
        return vLevel[i];
    }

    /** Tile words of tensor {@code t} at level {@code l} in the last evaluation (0 where bypassed). */
    public long tile(int l, int t) {
        return tile[l * nt + t];
    }

    /** Utilized compute units of the last evaluated mapping. */
    public long utilizedComputeUnits() {
        return util[nl];
    }

    void addViolation(Violation.Kind kind, int level, int subject, long requested, long available) {
        if (violationCount < MAX_VIOLATIONS) {
            vKind[violationCount] = kind;
            vLevel[violationCount] = level;
            vSubject[violationCount] = subject;
            vRequested[violationCount] = requested;
            vAvailable[violationCount] = available;
        }
        violationCount++;
    }

    long[] linkOffsets(int size) {
        if (linkOffsets.length < size) {
            linkOffsets = new long[size];
        }
        return linkOffsets;
    }

    long[] linkCodes(int size) {
        if (linkCodes.length < size) {
            linkCodes = new long[size];
        }
        return linkCodes;
    }

    long[] enumScratch(int size) {
        if (enumScratch.length < size) {
            enumScratch = new long[Math.max(size, enumScratch.length * 2)];
        }
        return enumScratch;
    }
}
