package org.nautilus.engine.train.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * ND4J updaters for {@link TrainingSettings}. ND4J's own are used for SGD, Nesterov, AdaGrad,
 * RMSProp and Adam; heavy-ball momentum (PyTorch's {@code SGD(momentum=m)}) and gradient clipping
 * are written here because ND4J 1.0.0-M2.1 has neither for SameDiff.
 */
public final class Updaters {
  /** Squared-gradient decay of RMSProp (PyTorch's {@code alpha} is 0.99; ND4J's default 0.95). */
  public static final double RMSPROP_DECAY = 0.95;

  private Updaters() {}

  /**
   * The updater of {@code settings} following {@code schedule}; RMSProp ignores the momentum
   * setting (ND4J's RMSProp has none).
   */
  public static IUpdater of(TrainingSettings settings, ISchedule schedule) {
    IUpdater updater;
    switch (settings.optimizer()) {
      case SGD:
        updater = Sgd.builder().learningRateSchedule(schedule).build();
        break;
      case MOMENTUM:
        updater = new Momentum(schedule, settings.momentum());
        break;
      case NESTEROV:
        updater = Nesterovs.builder().learningRateSchedule(schedule).momentum(settings.momentum()).build();
        break;
      case ADAGRAD:
        updater = AdaGrad.builder().learningRateSchedule(schedule).epsilon(settings.effectiveEpsilon()).build();
        break;
      case RMSPROP:
        updater = RmsProp.builder().learningRateSchedule(schedule).rmsDecay(RMSPROP_DECAY)
            .epsilon(settings.effectiveEpsilon()).build();
        break;
      case ADAM:
        updater = Adam.builder().learningRateSchedule(schedule).beta1(settings.beta1()).beta2(settings.beta2())
            .epsilon(settings.effectiveEpsilon()).build();
        break;
      default:
        throw new IllegalArgumentException("unknown optimizer " + settings.optimizer());
    }
    return settings.gradientClip() > 0 ? new Clipped(updater, settings.gradientClip()) : updater;
  }

  /**
   * Heavy-ball momentum as PyTorch's SGD: {@code v = m * v + g}, step {@code lr * v} (the first step
   * is {@code lr * g}). State: {@code v}, one value per parameter.
   */
  public static final class Momentum implements IUpdater {
    private static final long serialVersionUID = 1L;
    private ISchedule schedule;
    private final double momentum;

    /** Momentum {@code momentum} at the rates of {@code schedule}. */
    public Momentum(ISchedule schedule, double momentum) {
      this.schedule = schedule;
      this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
      return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initialize) {
      MomentumUpdater updater = new MomentumUpdater(this);
      updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initialize);
      return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
      MomentumUpdater updater = new MomentumUpdater(this);
      updater.setState(state, initialize);
      return updater;
    }

    @Override
    public IUpdater clone() {
      return new Momentum(schedule.clone(), momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
      return schedule.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
      return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
      this.schedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  private static final class MomentumUpdater implements GradientUpdater<Momentum> {
    private final Momentum config;
    private INDArray velocity;

    MomentumUpdater(Momentum config) {
      this.config = config;
    }

    @Override
    public Momentum getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
      INDArray v = state.get("V");
      if (v == null) {
        throw new IllegalArgumentException("momentum state needs 'V', got " + state.keySet());
      }
      velocity = v;
      if (initialize) {
        velocity.assign(0);
      }
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of("V", velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
      if (initialize) {
        viewArray.assign(0);
      }
      velocity = viewArray.reshape(order, gradientShape);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      velocity.muli(config.momentum).addi(gradient);
      gradient.assign(velocity).muli(config.getLearningRate(iteration, epoch));
    }
  }

  /**
   * Another updater with each parameter array's gradient first scaled down to an L2 norm of at most
   * {@code maxNorm} (per array, as DL4J's {@code ClipL2PerParamType}; a global norm would need all
   * gradients at once, which an ND4J updater never sees).
   */
  public static final class Clipped implements IUpdater {
    private static final long serialVersionUID = 1L;
    private final IUpdater inner;
    private final double maxNorm;

    /** {@code inner} with gradients clipped to L2 norm {@code maxNorm}. */
    public Clipped(IUpdater inner, double maxNorm) {
      this.inner = inner;
      this.maxNorm = maxNorm;
    }

    /** The wrapped updater. */
    public IUpdater inner() {
      return inner;
    }

    @Override
    public long stateSize(long numParams) {
      return inner.stateSize(numParams);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initialize) {
      return new ClippedUpdater(this, inner.instantiate(viewArray, initialize));
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
      return new ClippedUpdater(this, inner.instantiate(state, initialize));
    }

    @Override
    public IUpdater clone() {
      return new Clipped(inner.clone(), maxNorm);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
      return inner.getLearningRate(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
      return inner.hasLearningRate();
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
      inner.setLrAndSchedule(lr, lrSchedule);
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class ClippedUpdater implements GradientUpdater<Clipped> {
    private final Clipped config;
    private final GradientUpdater inner;

    ClippedUpdater(Clipped config, GradientUpdater inner) {
      this.config = config;
      this.inner = inner;
    }

    @Override
    public Clipped getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
      inner.setState(state, initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
      return inner.getState();
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
      inner.setStateViewArray(viewArray, gradientShape, order, initialize);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      double norm = gradient.norm2Number().doubleValue();
      if (norm > config.maxNorm) {
        gradient.muli(config.maxNorm / norm);
      }
      inner.applyUpdater(gradient, iteration, epoch);
    }
  }
}
