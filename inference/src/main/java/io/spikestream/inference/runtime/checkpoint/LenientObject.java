package io.spikestream.inference.runtime.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Stand-in for any pickled Python object whose class the reader does not know (numpy arrays and
 * scalars, mmengine objects, ...). It records the class name, the construction arguments and the
 * state, so that loading never fails on checkpoint metadata.
 */
public final class LenientObject {

    private final String className;
    private final List<Object> args;
    private Object state;

    LenientObject(String className, Object[] args) {
        this.className = className;
        this.args = Arrays.asList(args.clone());
    }

    /** Fully qualified Python class (or function) name, e.g. {@code numpy.core.multiarray._reconstruct}. */
    public String className() {
        return className;
    }

    /** Arguments of the pickled call. */
    public List<Object> args() {
        return args;
    }

    /** State given by the pickle's BUILD opcode, or null. */
    public Object state() {
        return state;
    }

    // BUILD looks up __setstate__ by the exact runtime class of the state object.
    public void __setstate__(HashMap<?, ?> s) { state = s; }
    public void __setstate__(Object[] s) { state = s; }
    public void __setstate__(ArrayList<?> s) { state = s; }
    public void __setstate__(String s) { state = s; }
    public void __setstate__(byte[] s) { state = s; }
    public void __setstate__(Integer s) { state = s; }
    public void __setstate__(Long s) { state = s; }
    public void __setstate__(Double s) { state = s; }
    public void __setstate__(Boolean s) { state = s; }
    public void __setstate__(LenientObject s) { state = s; }

    @Override
    public String toString() {
        return "LenientObject(" + className + ")";
    }
}
