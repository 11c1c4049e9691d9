package io.spikestream.inference.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The inference stage's timers and distribution summaries, with bucket ranges that suit their values. */
final class InferenceHistograms {

    private static final double[] FRACTIONS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

    private InferenceHistograms() {}

    static Timer forward(MeterRegistry registry) {
        return Timer.builder("spikestream.model.forward").description("Model forward passes, one per batch")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    static Timer inference(MeterRegistry registry) {
        return Timer.builder("spikestream.inference")
                .description("A segmented frame's time from its arrival at the processor to its finished result")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    static DistributionSummary batchSize(MeterRegistry registry) {
        return DistributionSummary.builder("spikestream.batch.size").description("Frames per forward pass")
                .serviceLevelObjectives(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 256).register(registry);
    }

    static DistributionSummary recomputedFraction(MeterRegistry registry) {
        return DistributionSummary.builder("spikestream.recomputed.fraction")
                .description("Share of the model's work recomputed per segmented frame (1 = full pass)")
                .serviceLevelObjectives(FRACTIONS).register(registry);
    }

    static DistributionSummary firingRate(MeterRegistry registry) {
        return DistributionSummary.builder("spikestream.firing.rate")
                .description("Mean normalised firing rate per measured frame (accounting.interval)")
                .serviceLevelObjectives(FRACTIONS).register(registry);
    }

    static DistributionSummary energy(MeterRegistry registry) {
        return DistributionSummary.builder("spikestream.energy").baseUnit("joules")
                .description("Estimated energy per measured frame (accounting.interval), in joules")
                .serviceLevelObjectives(1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1,
                        0.2, 0.5, 1)
                .register(registry);
    }
}
