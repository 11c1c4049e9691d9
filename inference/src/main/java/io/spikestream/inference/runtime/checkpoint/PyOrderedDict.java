package io.spikestream.inference.runtime.checkpoint;

import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * A pickled {@code collections.OrderedDict}: keeps insertion order. Attribute state given by BUILD
 * (a state_dict's {@code _metadata} with module versions) is not needed and dropped.
 */
public final class PyOrderedDict extends LinkedHashMap<Object, Object> {

    private static final long serialVersionUID = 1L;

    /** Receives BUILD state; public because razorvine calls it reflectively. */
    public void __setstate__(HashMap<?, ?> state) {
        // _metadata is ignored
    }
}
