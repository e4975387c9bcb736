package org.mapwright.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;

/**
 * Runs a mapper over a mapspace: owns the budget, the threads (one mapper, cost oracle and random stream each, the
 * streams split from one root seed in thread order), the best-so-far and its trace, and progress. With an evaluation
 * budget (no time limit) and a cheap oracle the same seed and thread count give the same result.
 *
 * <p>A cheap oracle ({@link CostOracle#expensive()} false, such as the analytical model) is called for every
 * candidate and caches for itself; the evaluation budget counts candidates, and the clock is read every 128 of them.
 * An expensive oracle (such as Timeloop) gets an exact cache shared by all threads ({@link SharedOutcomeCache}); the
 * evaluation budget then counts true evaluations (oracle calls, cache hits are free), and both budgets are checked
 * before every call. So that a mapper that only proposes points already evaluated cannot spin forever, a thread
 * stops after {@link #MAX_HIT_STREAK} cache hits in a row. With more than one thread, which thread evaluates a point
 * first depends on timing, so an expensive oracle's results are reproducible on one thread only.
 *
 * <p>A search started under a {@link Cancellation} token ({@link Cancellation#call}) checks it wherever it checks
 * its time budget, on every thread, and when it is cancelled stops and throws {@link SearchCancelledException}.
 */
public final class SearchDriver {
    /** Cache hits in a row after which a thread with an expensive oracle stops: its mapper proposes nothing new. */
    public static final long MAX_HIT_STREAK = 100_000;

    private SearchDriver() {
    }

    /**
     * @param objective     what to minimise
     * @param budget        when to stop
     * @param seed          the root seed
     * @param threads       worker threads
     * @param cacheSize     entries of each thread's cache of a cheap oracle (0 to disable)
     * @param progress      where progress goes
     * @param oracle        what evaluates candidates ({@link CostOracles#analytical()} unless said otherwise)
     * @param oracleOptions what the oracle may need (a tool's path, say)
     */
    public record Settings(Objective objective, Budget budget, long seed, int threads, int cacheSize, ProgressListener progress,
                           CostOracleProvider oracle, OracleOptions oracleOptions) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("A search needs at least one thread, got " + threads + ".");
            }
            Objects.requireNonNull(oracle, "oracle");
            Objects.requireNonNull(oracleOptions, "oracleOptions");
        }

        /** Settings that evaluate with the analytical model. */
        public Settings(Objective objective, Budget budget, long seed, int threads, int cacheSize, ProgressListener progress) {
            this(objective, budget, seed, threads, cacheSize, progress, CostOracles.analytical(), OracleOptions.DEFAULT);
        }

        public static Settings of(Objective objective, Budget budget, long seed) {
            return new Settings(objective, budget, seed, 1, 1 << 15, ProgressListener.NONE);
        }

        public Settings withThreads(int n) {
            return new Settings(objective, budget, seed, n, cacheSize, progress, oracle, oracleOptions);
        }

        public Settings withProgress(ProgressListener p) {
            return new Settings(objective, budget, seed, threads, cacheSize, p, oracle, oracleOptions);
        }

        /** These settings with another cost oracle. */
        public Settings withOracle(CostOracleProvider o, OracleOptions options) {
            return new Settings(objective, budget, seed, threads, cacheSize, progress, o, options);
        }
    }

    /**
     * Searches {@code space}.
     *
     * @throws SearchCancelledException when the calling thread's {@link Cancellation#current() token} is cancelled
     *                                  before the search ends
     */
    public static SearchResult run(Mapspace space, MapperProvider provider, Settings s) {
        Cancellation.current().check();
        List<CostOracle> oracles = new ArrayList<>();
        try {
            OracleOptions options = s.oracleOptions().withCacheEntries(s.cacheSize());
            for (int t = 0; t < s.threads(); t++) {
                oracles.add(s.oracle().open(space, options));
            }
            return run(space, provider, s, oracles);
        } finally {
            RuntimeException failed = null;
            for (CostOracle o : oracles) {
                try {
                    o.close();
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed;
                } catch (Exception e) {
                    failed = failed == null ? new IllegalStateException(e.getMessage(), e) : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    private static SearchResult run(Mapspace space, MapperProvider provider, Settings s, List<CostOracle> oracles) {
        SplittableRandom root = new SplittableRandom(s.seed());
        List<Worker> workers = new ArrayList<>();
        SharedOutcomeCache shared = oracles.get(0).expensive() ? new SharedOutcomeCache() : null;
        AtomicBoolean abort = new AtomicBoolean();
        // taken here, on the caller's thread, because the workers run on threads of their own
        Cancellation cancellation = Cancellation.current();
        long start = System.nanoTime();
        long deadline = s.budget().seconds() > 0 ? start + (long) (s.budget().seconds() * 1e9) : Long.MAX_VALUE;
        for (int t = 0; t < s.threads(); t++) {
            long share = s.budget().evaluations() == 0 ? 0
                    : s.budget().evaluations() / s.threads() + (t < s.budget().evaluations() % s.threads() ? 1 : 0);
            SplittableRandom stream = root.split();
            if (share == 0 && s.budget().evaluations() > 0) {
                // fewer evaluations than threads: a share of 0 would mean no limit, so this thread does not run
                continue;
            }
            SearchContext ctx = new SearchContext(space, s.objective(), stream, share, t, s.threads());
            workers.add(new Worker(ctx, provider.create(), oracles.get(t), shared, abort, cancellation, s, start,
                    deadline));
        }
        if (workers.size() == 1) {
            workers.get(0).call();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
                Thread th = new Thread(r, "mapwright-search");
                th.setDaemon(true);
                return th;
            });
            try {
                // completion order, so that one thread's failure stops the others at once
                ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
                for (Worker w : workers) {
                    done.submit(w);
                }
                for (int i = 0; i < workers.size(); i++) {
                    done.take().get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The search was interrupted.", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
            } finally {
                // the other threads stop at their next budget check (an oracle call in progress is interrupted), and
                // are waited for so that no oracle is closed while a thread still uses it
                abort.set(true);
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }
        cancellation.check();
        double seconds = (System.nanoTime() - start) / 1e9;
        return merge(space, provider.name(), s, workers, seconds);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            hits += w.shared != null ? w.hits : w.oracle.cacheHits();
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
    private static final class Worker implements Callable<Void> {
        final SearchContext ctx;
        final Mapper mapper;
        final CostOracle oracle;
        final SharedOutcomeCache shared;
        final AtomicBoolean abort;
        final Cancellation cancellation;
        final Settings s;
        final long start;
        final long deadline;
        long evaluations;
        long valid;
        long calls;
        long validCalls;
        long hits;
        final Map<Outcome.Status, Long> rejected = new EnumMap<>(Outcome.Status.class);
        MapPoint best;
        Outcome bestOutcome;
        final List<TracePoint> trace = new ArrayList<>();
        String stopReason = "";
        boolean exhausted;

        /**
         * @param shared the cache of an expensive oracle, shared by all threads; null for a cheap oracle
         * @param abort  set when another thread failed, so that this one stops
         * @param cancellation the caller's token, checked with the time budget
         */
        Worker(SearchContext ctx, Mapper mapper, CostOracle oracle, SharedOutcomeCache shared,
               AtomicBoolean abort, Cancellation cancellation, Settings s, long start, long deadline) {
            this.ctx = ctx;
            this.mapper = mapper;
            this.oracle = oracle;
            this.shared = shared;
            this.abort = abort;
            this.cancellation = cancellation;
            this.s = s;
            this.start = start;
            this.deadline = deadline;
        }

        @Override
        public Void call() {
            mapper.init(ctx);
            Budget b = s.budget();
            boolean expensive = shared != null;
            long sinceImprovement = 0;
            long invalidStreak = 0;
            long hitStreak = 0;
            long nextProgress = start;
            while (true) {
                // what the budget counts: candidates for a cheap oracle, oracle calls for an expensive one
                long counted = expensive ? calls : evaluations;
                if (ctx.evaluations() > 0 && counted >= ctx.evaluations()) {
                    stopReason = "evaluation budget";
                    break;
                }
                if (expensive || (evaluations & 127) == 0) {
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        stopReason = "time budget";
                        break;
                    }
                    if (abort.get()) {
                        stopReason = "another thread failed";
                        break;
                    }
                    if (cancellation.cancelled()) {
                        stopReason = "cancelled";
                        break;
                    }
                    if (ctx.thread() == 0 && now >= nextProgress) {
                        s.progress().progress(counted * s.threads(), b.evaluations(), (now - start) / 1e9,
                                bestOutcome == null ? Double.POSITIVE_INFINITY : s.objective().score(bestOutcome));
                        nextProgress = now + 250_000_000L;
                    }
                }
                if (hitStreak >= MAX_HIT_STREAK) {
                    stopReason = "no new candidates";
                    break;
                }
                MapPoint p = mapper.ask();
                if (p == null) {
                    exhausted = true;
                    stopReason = "mapspace exhausted";
                    break;
                }
                Outcome o;
                if (expensive) {
                    o = evaluateShared(p);
                    hitStreak = o.cached() ? hitStreak + 1 : 0;
                } else {
                    o = oracle.evaluate(p);
                }
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
                        trace.add(expensive ? new TracePoint(calls, validCalls, (System.nanoTime() - start) / 1e9, s.objective().score(o))
                                : new TracePoint(evaluations, valid, (System.nanoTime() - start) / 1e9, s.objective().score(o)));
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

        /**
         * The outcome of {@code p} from the shared cache (also when another thread is evaluating it right now), or
         * from the oracle, which the caller's budget checks have allowed one more call.
         */
        private Outcome evaluateShared(MapPoint p) {
            MapPoint.Key key = p.key();
            CompletableFuture<Outcome> known = shared.get(key);
            if (known == null) {
                known = shared.reserve(key);
            }
            if (known != null) {
                hits++;
                return SharedOutcomeCache.await(known);
            }
            Outcome o;
            try {
                o = oracle.evaluate(p);
            } catch (RuntimeException | Error e) {
                shared.fail(key, e);
                throw e;
            }
            shared.complete(key, o);
            calls++;
            if (o.valid()) {
                validCalls++;
            }
            return o;
        }
    }
}
