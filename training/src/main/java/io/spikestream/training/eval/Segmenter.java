package io.spikestream.training.eval;

import io.spikestream.training.data.Sample;

/** Anything that labels a sample: returns trainIds at the sample's own size. */
@FunctionalInterface
public interface Segmenter {

    /**
     * @param sample the image (its labels are not used)
     * @return row-major trainIds, {@code width * height}
     */
    byte[] segment(Sample sample);
}
