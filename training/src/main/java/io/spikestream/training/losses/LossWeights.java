package io.spikestream.training.losses;

/**
 * Loss and matching-cost weights of the official Cityscapes/ADE configs
 * ({@code configs/Spike2Former/SDTv2_maskformer_DCNPixelDecoder_CityScapes.py:94-130}).
 *
 * @param classWeight weight of the softmax cross-entropy (1.0)
 * @param noObjectWeight class weight of the "no object" column (0.1; real classes have 1.0)
 * @param focalWeight weight of the sigmoid focal mask loss (20.0)
 * @param diceWeight weight of the dice loss (1.0)
 * @param focalGamma focal gamma (2.0)
 * @param focalAlpha focal alpha (0.25)
 * @param diceEps dice smoothing (1.0, naive dice)
 * @param costClass weight of the classification match cost (1.0)
 * @param costFocal weight of the binary focal match cost (20.0)
 * @param costDice weight of the dice match cost (1.0)
 */
public record LossWeights(double classWeight, double noObjectWeight, double focalWeight, double diceWeight,
        double focalGamma, double focalAlpha, double diceEps, double costClass, double costFocal, double costDice) {

    /** The official values. */
    public static final LossWeights OFFICIAL = new LossWeights(1.0, 0.1, 20.0, 1.0, 2.0, 0.25, 1.0, 1.0, 20.0, 1.0);

    public LossWeights {
        if (classWeight < 0 || noObjectWeight < 0 || focalWeight < 0 || diceWeight < 0 || diceEps <= 0
                || focalAlpha < 0 || focalAlpha > 1 || focalGamma < 0) {
            throw new IllegalArgumentException("loss weights must be non-negative, alpha in [0, 1], dice eps > 0");
        }
    }
}
