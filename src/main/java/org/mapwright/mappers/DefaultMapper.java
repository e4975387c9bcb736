package org.mapwright.mappers;

import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;

/** The mapper to use when in doubt: the one that did best on the reference comparison for a fixed budget. */
public final class DefaultMapper {
    private DefaultMapper() {
    }

    /** Registers {@code default}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "default";
        }

        @Override
        public String description() {
            return "The best of the mappers for a budget on the reference comparison (currently: anneal).";
        }

        @Override
        public Mapper create() {
            return new AnnealMapper();
        }
    }
}
