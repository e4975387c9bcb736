package org.mapwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Cancellation;
import org.mapwright.search.SearchCancelledException;
import org.mapwright.workload.Network;

/** The facade's layer-in-its-network map, its bounded cache, and cancellation, which the mapping service uses. */
class MapwrightLayersAndCancelTest {
    static final MapOptions FAST = MapwrightTest.FAST;

    @Test
    void aLayerMappedAloneIsMappedAsInItsNetwork() {
        Mapwright mw = Mapwright.create();
        Network net = mw.network("alexnet");
        Architecture a = mw.accelerator("simple_ws");
        NetworkResult whole = mw.map(net, a, FAST);
        for (int i : new int[] {0, 3}) {
            String name = net.layers().get(i).name();
            LayerResult alone = mw.map(net, name, a, FAST);
            assertEquals(whole.layers().get(i).mapping(), alone.mapping(), name);
            assertEquals(whole.layers().get(i).evaluation(), alone.evaluation(), name);
            assertEquals(i, alone.index());
            assertSame(alone, mw.map(mw.network("alexnet"), name, a, FAST), "kept by exact key");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mw.map(net, "conv9", a, FAST));
        assertTrue(e.getMessage().startsWith("Network alexnet has no layer `conv9`; did you mean"), e.getMessage());
    }

    @Test
    void theCacheKeepsAtMostItsSize() {
        Mapwright mw = Mapwright.create(2);
        Network net = mw.network("alexnet");
        Architecture a = mw.accelerator("simple_ws");
        String layer = net.layers().get(0).name();
        LayerResult first = mw.map(net, layer, a, FAST);
        mw.map(net, layer, a, FAST.withSeed(7));
        mw.map(net, layer, a, FAST.withSeed(8));
        assertEquals(2, mw.keptResults());
        LayerResult again = mw.map(net, layer, a, FAST);
        assertTrue(again != first, "the eldest result was dropped and searched again");
        assertEquals(first.mapping(), again.mapping());
        assertEquals(0, mw.cacheCounts()[0]);
        assertThrows(IllegalArgumentException.class, () -> Mapwright.create(-1));
    }

    @Test
    void aCancelledMapThrowsSoonAndKeepsNothing() throws Exception {
        Mapwright mw = Mapwright.create();
        Network net = mw.network("resnet50");
        Architecture a = mw.accelerator("eyeriss_like");
        Cancellation token = Cancellation.create();
        MapOptions forever = FAST.withEvaluations(1_000_000_000L);
        CompletableFuture<NetworkResult> f = CompletableFuture.supplyAsync(() -> token.call(() -> mw.map(net, a,
                forever)));
        Thread.sleep(200);
        long asked = System.nanoTime();
        token.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SearchCancelledException, String.valueOf(e.getCause()));
        assertTrue(System.nanoTime() - asked < 2_000_000_000L, "stopped within 2 s of the cancel");
        assertEquals(0, mw.keptResults());
    }
}
