package org.mapwright.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a {@link LocalCluster} on this machine and keeps it up until standard input closes or the process is
 * stopped, to try {@code --engine spark --master spark://...} without a Spark installation:
 *
 * <pre>java -cp mapwright-spark/target/mapwright-spark.jar org.mapwright.spark.LocalClusterMain [WORKERS [CORES [MEMORY]]]</pre>
 *
 * <p>It prints the master's URL on the first line of standard output once every worker is registered; progress and
 * errors go to standard error. Stopping it (Ctrl-C, or closing its input) stops every process it started.
 */
public final class LocalClusterMain {
    private LocalClusterMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int workers;
        int cores;
        String memory;
        try {
            workers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
            cores = args.length > 1 ? Integer.parseInt(args[1]) : 1;
            memory = args.length > 2 ? args[2] : "1g";
        } catch (NumberFormatException e) {
            System.err.println("usage: LocalClusterMain [WORKERS [CORES [MEMORY]]], such as 2 1 1g");
            System.exit(2);
            return;
        }
        LocalCluster cluster;
        try {
            cluster = LocalCluster.builder().workers(workers).workerCores(cores).workerMemory(memory).start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("local cluster: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stop.countDown();
        }, "local-cluster-stop"));
        System.out.println(cluster.masterUrl());
        System.out.flush();
        System.err.println("local cluster: " + workers + " workers of " + cores + " core(s) at " + cluster.masterUrl()
                + "; close standard input or press Ctrl-C to stop it");
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for the end of the input
        }
        cluster.close();
        System.exit(0);
    }
}
