package org.mapwright.cli;

import org.mapwright.netspace.NetSpace;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;

/** Option values shared by the network-search commands, checked with located errors. */
final class NetSearchInputs {
    private NetSearchInputs() {
    }

    static MapperProvider mapper(String option, String name) {
        try {
            return Mappers.byName(name);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(option, e.getMessage());
        }
    }

    static NetSpace netSpace(String option, String name) {
        try {
            return NetSpace.forName(name);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(option, e.getMessage());
        }
    }
}
