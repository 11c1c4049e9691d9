package io.spikestream.training.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as {@code torch.optim.AdamW} (decoupled weight decay, bias-corrected moments) with per-parameter
 * learning-rate and decay multipliers:
 *
 * <pre>
 *   lr_p = lr mult_p;  w = w (1 - lr_p wd decay_p)
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 *   w = w - lr_p (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>Written by hand instead of DJL's {@code Adam}/{@code FixedPerVarTracker}: DJL keys multipliers by parameter
 * id and its optimizer applies weight decay as L2 on the gradient, not decoupled. Moments live in the
 * optimizer's own manager, updates run in place outside any gradient recording.
 */
public final class AdamW implements AutoCloseable {

    private final List<Parameter> params;
    private final List<ParamGroup> groups;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager manager;
    private final NDList m = new NDList();
    private final NDList v = new NDList();
    private long step;

    /**
     * Creates the optimizer with zero moments.
     *
     * @param params trainable parameters, initialised
     * @param groups their multipliers, same order
     * @param beta1 0.9
     * @param beta2 0.999
     * @param eps 1e-8
     * @param weightDecay 0.005
     */
    public AdamW(List<Parameter> params, List<ParamGroup> groups, double beta1, double beta2, double eps,
            double weightDecay) {
        this.params = params;
        this.groups = groups;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.manager = params.get(0).getArray().getManager().newSubManager();
        for (Parameter p : params) {
            m.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
            v.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
        }
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /**
     * One update from the gradients currently stored on the parameters.
     *
     * @param lr the scheduled base learning rate
     * @param gradients the gradient of each parameter, same order (e.g. after clipping)
     */
    public void update(double lr, List<NDArray> gradients) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = gradients.get(i);
            double lrP = lr * groups.get(i).lrMult();
            double decay = lrP * weightDecay * groups.get(i).decayMult();
            if (decay != 0) {
                w.muli(1 - decay);
            }
            m.get(i).muli(beta1).addi(g.mul(1 - beta1));
            v.get(i).muli(beta2).addi(g.square().mul(1 - beta2));
            NDArray denom = v.get(i).div(c2).sqrt().add(eps);
            w.subi(m.get(i).div(denom).mul(lrP / c1));
        }
    }

    /** The moments {@code [m_0, v_0, m_1, v_1, ...]} for checkpoints. */
    public NDList state() {
        NDList out = new NDList();
        for (int i = 0; i < params.size(); i++) {
            out.add(m.get(i));
            out.add(v.get(i));
        }
        return out;
    }

    /**
     * Restores moments and step count.
     *
     * @param state arrays as {@link #state()}
     * @param steps the step count
     */
    public void restore(NDList state, long steps) {
        if (state.size() != 2 * params.size()) {
            throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected "
                    + 2 * params.size() + ": it belongs to another model");
        }
        for (int i = 0; i < params.size(); i++) {
            m.get(i).set(state.get(2 * i).toFloatArray());
            v.get(i).set(state.get(2 * i + 1).toFloatArray());
        }
        this.step = steps;
    }

    /** The parameters in optimizer order. */
    public List<Parameter> parameters() {
        return new ArrayList<>(params);
    }

    @Override
    public void close() {
        manager.close();
    }
}
