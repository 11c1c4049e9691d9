package io.spikestream.inference.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How threads share libtorch's CPU parallelism. libtorch parallelises an operator over a team of OpenMP threads
 * that belongs to the calling thread and lives as long as it. While two threads own teams, there are more OpenMP
 * threads than cores and OpenMP stops spinning between operators: every operator then waits for its team to wake
 * up, which made tiny-cityscapes' forward pass 1.8x slower on 2 cores (55 -> 100 ms at 128x256) for as long as
 * both threads lived. So one long-lived thread runs the parallel work (the inference thread, which also loads the
 * model), and helper threads that call libtorch run their operators single-threaded.
 */
public final class TorchThreads {

    private TorchThreads() {
    }

    /**
     * Makes the calling thread run libtorch operators on itself alone, so that it never creates a team; loads the
     * engine first if this is the process's first use of libtorch.
     */
    public static void singleThreaded() {
        loadEngine();
        JniUtils.setNumThreads(1);
    }

    /** Loads the engine if this is the process's first use of libtorch; the calling thread keeps its team. */
    public static void loadEngine() {
        Engine.getEngine("PyTorch");
    }
}
