package io.spikestream.training.trainer;

import io.spikestream.training.losses.LossParts;
import java.io.PrintStream;
import java.util.Locale;

/** Text progress: one line per report with a bar, iteration, loss and its parts, LR, grad norm, it/s and ETA. */
final class Progress {

    private static final int BAR = 20;

    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private final int firstIteration;
    private double trainSeconds;

    Progress(PrintStream out, int firstIteration, int total) {
        this.out = out;
        this.firstIteration = firstIteration;
        this.total = total;
    }

    void addTrainTime(double seconds) {
        trainSeconds += seconds;
    }

    double iterationsPerSecond(int done) {
        return trainSeconds > 0 ? (done - firstIteration) / trainSeconds : 0;
    }

    void report(int done, LossParts loss, double lr, double gradNorm) {
        double rate = iterationsPerSecond(done);
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        int filled = (int) ((long) BAR * done / total);
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "");
        out.printf(Locale.ROOT, "[%s] %d/%d loss %.4f (ce %.3f focal %.4f dice %.3f, last %.3f) lr %.2e |g| %.3g"
                + " %.2f it/s ETA %d:%02d:%02d elapsed %ds%n", bar, done, total, loss.total().getFloat(),
                loss.classLoss(), loss.focalLoss(), loss.diceLoss(), loss.lastLayer(), lr, gradNorm, rate,
                eta / 3600, eta / 60 % 60, eta % 60, (System.nanoTime() - start) / 1_000_000_000L);
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }
}
