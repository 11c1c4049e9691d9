package io.spikestream.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * The loss of one batch.
 *
 * @param total weighted sum over all decoder predictions, a scalar with gradient
 * @param classLoss unweighted cross-entropy summed over the predictions
 * @param focalLoss unweighted focal loss summed over the predictions
 * @param diceLoss unweighted dice loss summed over the predictions
 * @param lastLayer weighted total of the last prediction only (what mmdet logs as {@code loss_cls + loss_mask + loss_dice})
 */
public record LossParts(NDArray total, double classLoss, double focalLoss, double diceLoss, double lastLayer) {}
