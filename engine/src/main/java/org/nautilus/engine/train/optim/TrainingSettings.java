package org.nautilus.engine.train.optim;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.nautilus.nas.space.Configuration;

/**
 * How to optimize one trial: the optimizer and its constants, the learning-rate schedule,
 * regularization, clipping, early stopping and the minibatch size. A trainer holds defaults; a
 * candidate's hyperparameters ({@link #with(Configuration)}) override them by name.
 *
 * <p>Regularization: {@code l1} and {@code l2} add {@code l1 * sign(w)} and {@code l2 * w} to each
 * gradient before the optimizer sees it (coupled, as PyTorch's SGD {@code weight_decay}), while
 * {@code weightDecay} subtracts {@code lr * weightDecay * w} after the optimizer's step (decoupled, as
 * AdamW); for plain SGD the two are the same.
 *
 * @param optimizer which optimizer
 * @param learningRate initial learning rate (before warm-up and schedule)
 * @param momentum momentum of {@code momentum} and {@code nesterov}
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon AdaGrad's, RMSProp's or Adam's epsilon; empty for the optimizer's default
 * @param weightDecay decoupled weight decay, 0 for none
 * @param l1 L1 coefficient, 0 for none
 * @param l2 L2 coefficient, 0 for none
 * @param schedule the learning-rate schedule over the run
 * @param warmupEpochs epochs of linear warm-up at the start (0 for none; fractions allowed)
 * @param gradientClip largest L2 norm of each parameter array's gradient, 0 for no clipping
 * @param patience epochs without a better validation metric after which training stops early, 0 to
 *     always run every epoch
 * @param batchSize minibatch size
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, double momentum, double beta1, double beta2,
    OptionalDouble epsilon, double weightDecay, double l1, double l2, LrSchedule schedule, double warmupEpochs,
    double gradientClip, int patience, int batchSize) {

  /** The names of the hyperparameters read by {@link #with}, besides the built-ins' own names. */
  public static final String WARMUP_EPOCHS = "warmup_epochs";
  /** Hyperparameter name of {@link #gradientClip}. */
  public static final String GRADIENT_CLIP = "gradient_clip";
  /** Hyperparameter name of {@link #patience}. */
  public static final String PATIENCE = "patience";
  /** Every hyperparameter name {@link #with} reads, so a caller can tell a name no trainer would read. */
  public static final List<String> NAMES = List.of("optimizer", "learning_rate", "momentum", "beta1", "beta2", "epsilon",
      "weight_decay", "l1", "l2", "lr_schedule", WARMUP_EPOCHS, GRADIENT_CLIP, PATIENCE, "batch_size");

  public TrainingSettings {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(epsilon, "epsilon");
    Objects.requireNonNull(schedule, "schedule");
    require(learningRate > 0 && Double.isFinite(learningRate), "learning_rate", learningRate, "> 0");
    require(momentum >= 0 && momentum < 1, "momentum", momentum, "in [0, 1)");
    require(beta1 >= 0 && beta1 < 1, "beta1", beta1, "in [0, 1)");
    require(beta2 >= 0 && beta2 < 1, "beta2", beta2, "in [0, 1)");
    if (epsilon.isPresent()) {
      require(epsilon.getAsDouble() > 0 && epsilon.getAsDouble() < 1, "epsilon", epsilon.getAsDouble(), "in (0, 1)");
    }
    require(weightDecay >= 0 && weightDecay < 1, "weight_decay", weightDecay, "in [0, 1)");
    require(l1 >= 0 && Double.isFinite(l1), "l1", l1, ">= 0");
    require(l2 >= 0 && Double.isFinite(l2), "l2", l2, ">= 0");
    require(warmupEpochs >= 0 && warmupEpochs <= 1000, WARMUP_EPOCHS, warmupEpochs, "in [0, 1000]");
    require(gradientClip >= 0 && Double.isFinite(gradientClip), GRADIENT_CLIP, gradientClip, ">= 0");
    require(patience >= 0, PATIENCE, patience, ">= 0");
    require(batchSize >= 1 && batchSize <= 65_536, "batch_size", batchSize, "in 1..65536");
  }

  /**
   * SGD with Nesterov momentum 0.9 at learning rate 0.1 on a cosine schedule, L2 5e-4, batch 64: the
   * in-JVM trainer's long-standing defaults.
   */
  public static TrainingSettings defaults() {
    return new TrainingSettings(Optimizer.NESTEROV, 0.1, 0.9, 0.9, 0.999, OptionalDouble.empty(), 0, 0, 5e-4,
        LrSchedule.COSINE, 0, 0, 0, 64);
  }

  /** The epsilon in use: the set one, else Adam's and RMSProp's 1e-8 or AdaGrad's 1e-6. */
  public double effectiveEpsilon() {
    return epsilon.orElse(optimizer == Optimizer.ADAGRAD ? 1e-6 : 1e-8);
  }

  /**
   * These settings overridden by the hyperparameters of {@code hp} that name them: the built-ins
   * {@code optimizer, learning_rate, momentum, beta1, beta2, epsilon, weight_decay, l1, l2, lr_schedule,
   * batch_size} and {@code warmup_epochs, gradient_clip, patience}. Other names are left to the model.
   * If {@code hp} sets any of {@code weight_decay, l1, l2}, the defaults' regularization is dropped
   * rather than added to. A bad value is an {@link IllegalArgumentException} naming it.
   */
  public TrainingSettings with(Configuration hp) {
    boolean regularized = hp.get("weight_decay").isPresent() || hp.get("l1").isPresent() || hp.get("l2").isPresent();
    return new TrainingSettings(
        hp.get("optimizer").map(v -> Optimizer.parse(v.text())).orElse(optimizer),
        number(hp, "learning_rate", learningRate),
        number(hp, "momentum", momentum),
        number(hp, "beta1", beta1),
        number(hp, "beta2", beta2),
        hp.get("epsilon").isPresent() ? OptionalDouble.of(number(hp, "epsilon", 0)) : epsilon,
        number(hp, "weight_decay", regularized ? 0 : weightDecay),
        number(hp, "l1", regularized ? 0 : l1),
        number(hp, "l2", regularized ? 0 : l2),
        hp.get("lr_schedule").map(v -> LrSchedule.parse(v.text())).orElse(schedule),
        number(hp, WARMUP_EPOCHS, warmupEpochs),
        number(hp, GRADIENT_CLIP, gradientClip),
        (int) integer(hp, PATIENCE, patience),
        (int) integer(hp, "batch_size", batchSize));
  }

  /** These settings with another minibatch size. */
  public TrainingSettings withBatchSize(int newBatchSize) {
    return new TrainingSettings(optimizer, learningRate, momentum, beta1, beta2, epsilon, weightDecay, l1, l2, schedule,
        warmupEpochs, gradientClip, patience, newBatchSize);
  }

  private static double number(Configuration hp, String name, double fallback) {
    return hp.numeric(name).orElse(fallback);
  }

  private static long integer(Configuration hp, String name, long fallback) {
    double value = number(hp, name, fallback);
    if (value != Math.rint(value)) {
      throw new IllegalArgumentException("hyperparameter " + name + " must be an integer, got " + value);
    }
    return (long) value;
  }

  private static void require(boolean ok, String name, Object value, String range) {
    if (!ok) {
      throw new IllegalArgumentException("hyperparameter " + name + " must be " + range + ", got " + value);
    }
  }
}
