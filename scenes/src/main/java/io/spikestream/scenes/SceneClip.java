package io.spikestream.scenes;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A stream over the frames of one clip. Each {@link #next()} renders the next frame on demand, so a clip is
 * never held in memory as a whole; drop a frame once it is used. Not thread-safe (use one clip per thread, or
 * {@link SceneGenerator#render(int)}, which is).
 */
public final class SceneClip implements Iterator<SceneFrame>, Iterable<SceneFrame> {

    private final SceneGenerator generator;
    private int next;

    SceneClip(SceneGenerator generator) {
        this.generator = generator;
    }

    /** @return the generator that renders this clip */
    public SceneGenerator generator() {
        return generator;
    }

    /** @return the number of frames in the clip */
    public int frameCount() {
        return generator.frames();
    }

    @Override
    public boolean hasNext() {
        return next < generator.frames();
    }

    @Override
    public SceneFrame next() {
        if (!hasNext()) {
            throw new NoSuchElementException("clip of seed " + generator.seed() + " has " + frameCount() + " frames");
        }
        return generator.render(next++);
    }

    /** @return this stream, so that a clip can be used in a for-each loop once */
    @Override
    public Iterator<SceneFrame> iterator() {
        return this;
    }
}
