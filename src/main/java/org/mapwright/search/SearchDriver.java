package org.mapwright.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;

/**
 * Runs a mapper over a mapspace: owns the budget, the threads (one mapper, evaluator and random stream each, the
 * streams split from one root seed in thread order), the evaluation cache, the best-so-far and its trace, and
 * progress. With an evaluation budget (no time limit) the same seed and thread count give the same result.
 */
public final class SearchDriver {
    private SearchDriver() {
    }

    /**
     * @param objective what to minimise
     * @param budget    when to stop
     * @param seed      the root seed
     * @param threads   worker threads
     * @param cacheSize entries of each thread's evaluation cache (0 to disable)
     * @param progress  where progress goes
     */
    public record Settings(Objective objective, Budget budget, long seed, int threads, int cacheSize, ProgressListener progress) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("A search needs at least one thread, got " + threads + ".");
            }
        }

        public static Settings of(Objective objective, Budget budget, long seed) {
            return new Settings(objective, budget, seed, 1, 1 << 15, ProgressListener.NONE);
        }

        public Settings withThreads(int n) {
            return new Settings(objective, budget, seed, n, cacheSize, progress);
        }

        public Settings withProgress(ProgressListener p) {
            return new Settings(objective, budget, seed, threads, cacheSize, p);
        }
    }

    public static SearchResult run(Mapspace space, MapperProvider provider, Settings s) {
        AnalyticalModel model = new AnalyticalModel(space.workload(), space.architecture());
        SplittableRandom root = new SplittableRandom(s.seed());
        List<Worker> workers = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = s.budget().seconds() > 0 ? start + (long) (s.budget().seconds() * 1e9) : Long.MAX_VALUE;
        for (int t = 0; t < s.threads(); t++) {
            long share = s.budget().evaluations() == 0 ? 0
                    : s.budget().evaluations() / s.threads() + (t < s.budget().evaluations() % s.threads() ? 1 : 0);
            SearchContext ctx = new SearchContext(space, s.objective(), root.split(), share, t, s.threads());
            workers.add(new Worker(ctx, provider.create(), new PointEvaluator(space, model, s.cacheSize()), s, start, deadline));
        }
        if (s.threads() == 1) {
            workers.get(0).call();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
                Thread th = new Thread(r, "mapwright-search");
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (Worker w : workers) {
                    fs.add(pool.submit(w));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The search was interrupted.", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return merge(space, provider.name(), s, workers, seconds);
    }

    private static SearchResult merge(Mapspace space, String name, Settings s, List<Worker> workers, double seconds) {
        Worker bestW = null;
        long evals = 0;
        long valid = 0;
        long hits = 0;
        Map<Outcome.Status, Long> rejected = new EnumMap<>(Outcome.Status.class);
        List<String> reasons = new ArrayList<>();
        boolean exhausted = true;
        List<TracePoint> all = new ArrayList<>();
        for (Worker w : workers) {
            evals += w.evaluations;
            valid += w.valid;
            hits += w.evaluator.cacheHits();
            w.rejected.forEach((k, v) -> rejected.merge(k, v, Long::sum));
            reasons.add(w.stopReason);
            exhausted &= w.exhausted;
            for (TracePoint t : w.trace) {
                all.add(new TracePoint(t.evaluations() * s.threads(), t.valid() * s.threads(), t.seconds(), t.best()));
            }
            if (w.bestOutcome != null && (bestW == null || s.objective().compare(w.bestOutcome, bestW.bestOutcome) < 0)) {
                bestW = w;
            }
        }
        all.sort((a, b) -> a.evaluations() != b.evaluations() ? Long.compare(a.evaluations(), b.evaluations())
                : Double.compare(a.seconds(), b.seconds()));
        List<TracePoint> trace = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (TracePoint t : all) {
            if (t.best() < best) {
                best = t.best();
                trace.add(t);
            }
        }
        Optional<MapPoint> bp = bestW == null ? Optional.empty() : Optional.of(bestW.best);
        return new SearchResult(name, s.objective(), s.seed(), s.threads(), bp,
                Optional.ofNullable(bestW == null ? null : bestW.bestOutcome), bp.map(space::toMapping), evals, valid, hits,
                rejected, seconds, trace, reasons, exhausted);
    }

    /** One thread's search loop. */
    private static final class Worker implements java.util.concurrent.Callable<Void> {
        final SearchContext ctx;
        final Mapper mapper;
        final PointEvaluator evaluator;
        final Settings s;
        final long start;
        final long deadline;
        long evaluations;
        long valid;
        final Map<Outcome.Status, Long> rejected = new EnumMap<>(Outcome.Status.class);
        MapPoint best;
        Outcome bestOutcome;
        final List<TracePoint> trace = new ArrayList<>();
        String stopReason = "";
        boolean exhausted;

        Worker(SearchContext ctx, Mapper mapper, PointEvaluator evaluator, Settings s, long start, long deadline) {
            this.ctx = ctx;
            this.mapper = mapper;
            this.evaluator = evaluator;
            this.s = s;
            this.start = start;
            this.deadline = deadline;
        }

        @Override
        public Void call() {
            mapper.init(ctx);
            Budget b = s.budget();
            long sinceImprovement = 0;
            long invalidStreak = 0;
            long nextProgress = start;
            while (true) {
                if (ctx.evaluations() > 0 && evaluations >= ctx.evaluations()) {
                    stopReason = "evaluation budget";
                    break;
                }
                if ((evaluations & 127) == 0) {
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        stopReason = "time budget";
                        break;
                    }
                    if (ctx.thread() == 0 && now >= nextProgress) {
                        s.progress().progress(evaluations * s.threads(), b.evaluations(), (now - start) / 1e9,
                                bestOutcome == null ? Double.POSITIVE_INFINITY : s.objective().score(bestOutcome));
                        nextProgress = now + 250_000_000L;
                    }
                }
                MapPoint p = mapper.ask();
                if (p == null) {
                    exhausted = true;
                    stopReason = "mapspace exhausted";
                    break;
                }
                Outcome o = evaluator.evaluate(p);
                evaluations++;
                if (o.valid()) {
                    valid++;
                    invalidStreak = 0;
                    if (bestOutcome == null || s.objective().compare(o, bestOutcome) < 0) {
                        if (best == null) {
                            best = p.copy();
                        } else {
                            best.copyFrom(p);
                        }
                        bestOutcome = o;
                        sinceImprovement = 0;
                        trace.add(new TracePoint(evaluations, valid, (System.nanoTime() - start) / 1e9, s.objective().score(o)));
                    } else {
                        sinceImprovement++;
                    }
                } else {
                    rejected.merge(o.status(), 1L, Long::sum);
                    invalidStreak++;
                }
                mapper.tell(p, o);
                if (b.victory() > 0 && sinceImprovement >= b.victory()) {
                    stopReason = "victory condition";
                    break;
                }
                if (b.invalidStreak() > 0 && invalidStreak >= b.invalidStreak()) {
                    stopReason = "invalid streak";
                    break;
                }
            }
            return null;
        }
    }
}
