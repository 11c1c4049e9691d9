package io.spikestream.training.trainer;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run did.
 *
 * @param iterations iterations completed (including resumed ones)
 * @param losses total loss of each iteration run in this session
 * @param iterationsPerSecond mean training speed of this session (validation excluded)
 * @param lastMeanIoU mIoU of the last validation, NaN when none ran
 * @param bestMeanIoU best validation mIoU, NaN when none ran
 * @param weights final weights file, or null without an output folder
 */
public record TrainResult(int iterations, List<Double> losses, double iterationsPerSecond, double lastMeanIoU,
        double bestMeanIoU, Path weights) {}
