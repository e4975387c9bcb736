package org.mapwright.mappers;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Moves;
import org.mapwright.mapspace.Sampler;
import org.mapwright.search.Mapper;
import org.mapwright.search.LowerBound;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Metric;
import org.mapwright.search.Objective;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;
import org.mapwright.surrogate.Family;
import org.mapwright.surrogate.FeatureEncoder;
import org.mapwright.surrogate.Models;
import org.mapwright.surrogate.SurrogateModel;

/**
 * Gradient search on the learned surrogate (after Mind Mappings, Hegde et al., ASPLOS 2021), behind ask/tell.
 *
 * <p>Surrogate phase: it screens {@value #SCREEN} uniform points with the surrogate, sends the best-predicted few to
 * the true oracle and starts {@value #CHAINS} chains from them. Each round takes {@value #INNER} Adam steps of every
 * chain's continuous mapping (the mapping part of the {@link FeatureEncoder} features) down the gradient of the
 * predicted objective (log of the metric over the lower bound, plus -log P(valid)), batched through the network,
 * projecting each chain to the nearest legal mapping after every step and doubling a chain's step while its
 * projection does not move; then it queues the {@value #PER_ROUND} best-predicted new projected mappings for the
 * true oracle. A chain whose true results have not improved for {@value #RESTART_ROUNDS} rounds restarts,
 * alternately from a freshly screened point and from the best mapping after a few random moves. Invalid true results
 * are repaired (as annealing does). Every point it proposes in this phase is new.
 *
 * <p>Polish: after {@value #SURROGATE_SHARE_PERCENT}% of an evaluation budget (at least {@value
 * #MIN_SURROGATE_EVALS}, at most {@value #SURROGATE_EVALS} true evaluations) it hands the search to simulated
 * annealing with the true oracle, started from the best mapping at a low temperature. On the benchmark this
 * beat spending the whole budget on surrogate-guided proposals, and beat polishing by surrogate-screened neighbours
 * of the best mapping; an online ridge-regression calibration of the surrogate to the evaluated points did not help
 * (bench/README.md). The budget counts true evaluations only.
 */
public final class GradientMapper implements Mapper {
    static final int SCREEN = 1024;
    static final int CHAINS = 32;
    static final int PER_ROUND = 4;
    static final int INNER = 10;
    static final int RESTART_ROUNDS = 2;
    static final double LR = 0.3;
    static final float PENALTY = 1f;
    /** The surrogate phase's share of an evaluation budget, in percent, at least {@value #MIN_SURROGATE_EVALS}. */
    static final int SURROGATE_SHARE_PERCENT = 30;
    static final int MIN_SURROGATE_EVALS = 300;
    /** The most true evaluations the surrogate phase takes; the rest of a larger budget is the annealing polish. */
    static final int SURROGATE_EVALS = 1000;
    static final double HANDOVER_TEMPERATURE = 0.1;
    private static final Cleaner CLEANER = Cleaner.create();

    private Mapspace space;
    private Objective objective;
    private Metric metric;
    private SplittableRandom rnd;
    private long budget;
    private Sampler sampler;
    private Moves moves;
    private FeatureEncoder.Bound enc;
    private SurrogateModel.Session session;
    private int nf;
    private int start;
    private int nm;
    private final ArrayDeque<MapPoint> queue = new ArrayDeque<>();
    private final Set<MapPoint.Key> seen = new HashSet<>();
    private final Map<MapPoint.Key, Integer> origin = new HashMap<>();
    private Chain[] chains;
    private MapPoint best;
    private Outcome bestOutcome;
    private long told;
    private int repairsLeft;
    private float[] prefix;
    private double[] upper;
    private AnnealMapper handover;
    private long surrogateEvals;
    private int thread;
    private int threads;

    /** One descent: a continuous mapping with Adam state. */
    private static final class Chain {
        double[] x;
        double[] m;
        double[] v;
        int t;
        double mult = 1;
        MapPoint.Key last;
        double bestScore = Double.POSITIVE_INFINITY;
        int stale;
        int restarts;
    }

    @Override
    public void init(SearchContext ctx) {
        space = ctx.space();
        objective = ctx.objective();
        metric = objective.primary();
        rnd = ctx.random();
        budget = ctx.evaluations();
        thread = ctx.thread();
        threads = ctx.threads();
        surrogateEvals = budget > 0 ? Math.min(SURROGATE_EVALS, Math.max(MIN_SURROGATE_EVALS,
                budget * SURROGATE_SHARE_PERCENT / 100)) : SURROGATE_EVALS;
        sampler = new Sampler(space);
        moves = new Moves(space);
        Optional<String> why = unsupported(space);
        if (why.isPresent()) {
            throw new IllegalArgumentException(why.get());
        }
        SurrogateModel model = Models.forArchitecture(space.architecture()).orElseThrow();
        enc = model.encoder().bind(space);
        SurrogateModel.Session s = model.open();
        session = s;
        CLEANER.register(this, s::close);
        nf = model.encoder().length();
        start = model.encoder().mappingStart();
        nm = model.encoder().mappingLength();
        MapPoint p0 = space.newPoint();
        float[] tmp = new float[nf];
        enc.encode(p0, tmp, 0);
        prefix = Arrays.copyOf(tmp, start);
        upper = new double[nm];
        Arrays.fill(upper, 1.5);
        // log factors may not exceed the log of their dimension's bound (the layer's log bounds lead the prefix)
        int slots = 2 * space.levels();
        for (int c = 0; c < FeatureEncoder.DIMS; c++) {
            for (int s2 = 0; s2 < slots; s2++) {
                upper[c * slots + s2] = prefix[c];
            }
        }
        screenAndStart();
    }

    @Override
    public MapPoint ask() {
        if (handover != null) {
            return handover.ask();
        }
        if (told >= surrogateEvals && best != null) {
            handover = new AnnealMapper();
            long left = budget > 0 ? Math.max(1, budget - told) : 0;
            handover.init(new SearchContext(space, objective, rnd, left, thread, threads));
            handover.startFrom(best, bestOutcome, HANDOVER_TEMPERATURE);
            session.close();
            return handover.ask();
        }
        int guard = 0;
        while (queue.isEmpty()) {
            round();
            if (++guard > 50 && queue.isEmpty()) {
                randomUnseen();
            }
        }
        return queue.peekFirst();
    }

    @Override
    public void tell(MapPoint p, Outcome o) {
        if (handover != null) {
            handover.tell(p, o);
            return;
        }
        queue.pollFirst();
        told++;
        MapPoint.Key key = p.key();
        Integer from = origin.remove(key);
        if (o.valid()) {
            double score = Math.log(objective.score(o));
            if (bestOutcome == null || objective.compare(o, bestOutcome) < 0) {
                if (best == null) {
                    best = p.copy();
                } else {
                    best.copyFrom(p);
                }
                bestOutcome = o;
            }
            if (from != null && from >= 0 && score < chains[from].bestScore) {
                chains[from].bestScore = score;
                chains[from].stale = 0;
            }
        } else if (repairsLeft-- > 0) {
            MapPoint r = p.copy();
            if (Repairs.repair(moves, r, o, rnd) && seen.add(r.key())) {
                queue.addFirst(r);
                origin.put(r.key(), from == null ? -1 : from);
                return;
            }
        }
        repairsLeft = 3;
        if (budget > 0 && told >= budget) {
            session.close();
        }
    }

    private void screenAndStart() {
        List<MapPoint> pts = screen(SCREEN);
        chains = new Chain[CHAINS];
        int q = (int) Math.max(1, Math.min(16, budget > 0 ? budget / 20 : 16));
        for (int c = 0; c < CHAINS; c++) {
            chains[c] = new Chain();
            MapPoint p = pts.get(c % pts.size());
            startChain(chains[c], p);
            if (c < q && seen.add(p.key())) {
                queue.addLast(p);
                origin.put(p.key(), c);
            }
        }
    }

    /** Uniform points, best predicted first. */
    private List<MapPoint> screen(int n) {
        List<MapPoint> pts = new ArrayList<>(n);
        float[] x = new float[n * nf];
        for (int i = 0; i < n; i++) {
            MapPoint p = space.newPoint();
            sampler.uniform(p, rnd);
            pts.add(p);
            enc.encode(p, x, i * nf);
        }
        Integer[] idx = ascending(session.objective(x, n, metric, PENALTY, null));
        List<MapPoint> out = new ArrayList<>(n);
        for (Integer i : idx) {
            out.add(pts.get(i));
        }
        return out;
    }

    private void startChain(Chain c, MapPoint p) {
        float[] f = new float[nf];
        enc.encode(p, f, 0);
        c.x = new double[nm];
        for (int i = 0; i < nm; i++) {
            c.x[i] = f[start + i];
        }
        c.m = new double[nm];
        c.v = new double[nm];
        c.t = 0;
        c.mult = 1;
        c.last = p.key();
        c.stale = 0;
        c.bestScore = Double.POSITIVE_INFINITY;
    }

    private void round() {
        int n = chains.length;
        MapPoint[] cand = new MapPoint[n];
        float[] candScore = new float[n];
        Arrays.fill(candScore, Float.POSITIVE_INFINITY);
        float[] x = new float[n * nf];
        float[] g = new float[n * nf];
        float[] px = new float[n * nf];
        double[] full = new double[nf];
        MapPoint[] proj = new MapPoint[n];
        for (int step = 0; step < INNER; step++) {
            for (int c = 0; c < n; c++) {
                System.arraycopy(prefix, 0, x, c * nf, start);
                for (int i = 0; i < nm; i++) {
                    x[c * nf + start + i] = (float) chains[c].x[i];
                }
            }
            session.objective(x, n, metric, PENALTY, g);
            for (int c = 0; c < n; c++) {
                Chain ch = chains[c];
                adam(ch, g, c * nf + start);
                for (int i = 0; i < nm; i++) {
                    full[start + i] = ch.x[i];
                }
                MapPoint p = space.newPoint();
                enc.decode(full, 0, p);
                MapPoint.Key k = p.key();
                if (k.equals(ch.last)) {
                    ch.mult = Math.min(16, ch.mult * 2);
                } else {
                    ch.mult = 1;
                    ch.last = k;
                }
                proj[c] = p;
                enc.encode(p, px, c * nf);
            }
            float[] ps = session.objective(px, n, metric, PENALTY, null);
            for (int c = 0; c < n; c++) {
                if (ps[c] < candScore[c] && !seen.contains(proj[c].key())) {
                    cand[c] = proj[c];
                    candScore[c] = ps[c];
                }
            }
        }
        Integer[] idx = ascending(candScore);
        int added = 0;
        for (int i = 0; i < n && added < PER_ROUND; i++) {
            MapPoint p = cand[idx[i]];
            if (p != null && seen.add(p.key())) {
                queue.addLast(p);
                origin.put(p.key(), idx[i]);
                added++;
            }
        }
        for (Chain ch : chains) {
            if (++ch.stale > RESTART_ROUNDS) {
                restart(ch);
            }
        }
    }

    private void adam(Chain ch, float[] g, int off) {
        ch.t++;
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, ch.t);
        double c2 = 1 - Math.pow(b2, ch.t);
        for (int i = 0; i < nm; i++) {
            double gi = g[off + i];
            if (!Double.isFinite(gi)) {
                gi = 0;
            }
            ch.m[i] = b1 * ch.m[i] + (1 - b1) * gi;
            ch.v[i] = b2 * ch.v[i] + (1 - b2) * gi * gi;
            double step = LR * ch.mult * (ch.m[i] / c1) / (Math.sqrt(ch.v[i] / c2) + 1e-8);
            ch.x[i] = Math.max(-0.5, Math.min(upper[i], ch.x[i] - step));
        }
    }

    private void restart(Chain ch) {
        ch.restarts++;
        MapPoint p;
        if (best != null && ch.restarts % 2 == 0) {
            p = best.copy();
            int k = 1 + rnd.nextInt(3);
            for (int i = 0; i < k; i++) {
                moves.mutate(p, rnd);
            }
        } else {
            p = screen(64).get(0);
        }
        startChain(ch, p);
    }

    /** Indices of the scores, lowest score first (ties in index order). */
    private static Integer[] ascending(float[] score) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(score[a], score[b]));
        return idx;
    }

    private void randomUnseen() {
        for (int i = 0; i < 1000; i++) {
            MapPoint p = space.newPoint();
            sampler.uniform(p, rnd);
            if (seen.add(p.key())) {
                queue.addLast(p);
                origin.put(p.key(), -1);
                return;
            }
        }
        // a space this small has been seen whole; asking a seen point again is harmless (the cache answers)
        MapPoint p = space.newPoint();
        sampler.uniform(p, rnd);
        queue.addLast(p);
    }

    /** Why the gradient mapper cannot search a space: no model for its accelerator, or a layer shape it does not know. */
    static Optional<String> unsupported(Mapspace space) {
        Optional<Family> family = Family.of(space.architecture());
        if (family.isEmpty()) {
            return Optional.of("The gradient mapper has no surrogate for accelerator " + space.architecture().name()
                    + ": it is not of a known family (" + String.join(", ", Family.all().stream().map(Family::name).toList())
                    + ", grown from the built-in designs). Choose another mapper, such as --mapper default.");
        }
        Optional<SurrogateModel> model = Models.forFamily(family.get().name());
        if (model.isEmpty()) {
            return Optional.of("The gradient mapper has no trained model for the " + family.get().name() + " family; "
                    + "train one with `mapwright surrogate data` and `mapwright surrogate train --out models/"
                    + family.get().name() + "`, or choose another mapper.");
        }
        String why = model.get().encoder().unsupported(space);
        return why == null ? Optional.empty() : Optional.of("The gradient mapper cannot map this: " + why
                + ". Choose another mapper, such as --mapper default.");
    }

    /** Registers this mapper as {@code gradient}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "gradient";
        }

        @Override
        public String description() {
            return "Gradient descent on the learned surrogate of the accelerator's family, with the true cost on "
                    + "projected mappings, then an annealing polish with the true cost.";
        }

        @Override
        public Mapper create() {
            return new GradientMapper();
        }

        @Override
        public Optional<String> unsupported(Mapspace space) {
            return GradientMapper.unsupported(space);
        }
    }
}
