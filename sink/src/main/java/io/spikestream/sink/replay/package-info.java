/**
 * What makes the sink idempotent per (camera, sequence): {@link io.spikestream.sink.replay.SequenceSet}
 * remembers which sequences of a camera an output already holds, with the capture times they came from, so
 * that a result processed again after a crash (a replay) is recognised and counted once, while a different
 * frame numbered the same (an earlier stream written into the same output folder) is refused instead of
 * overwriting what the user had ({@link io.spikestream.sink.replay.OutputConflictException}).
 */
package io.spikestream.sink.replay;
