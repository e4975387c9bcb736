package org.mapwright.exec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test task kind: its worker prefixes each item with the context; items "fail" throw. Counts the workers built.
 */
public final class EchoKind implements TaskKind {
    static final String NAME = "test-echo";
    static final AtomicInteger OPENED = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker open(byte[] context) {
        OPENED.incrementAndGet();
        String prefix = new String(context, StandardCharsets.UTF_8);
        return item -> {
            String s = new String(item, StandardCharsets.UTF_8);
            if (s.equals("fail")) {
                throw new IllegalArgumentException("task failed on purpose");
            }
            return (prefix + s).getBytes(StandardCharsets.UTF_8);
        };
    }
}
