package org.nautilus.nas.space;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in training hyperparameters, with the ranges practitioners usually search. Each has a
 * fixed name so that trainers and spec files agree ({@code space.hyperparameters.<name>: builtin}).
 *
 * <table>
 *   <caption>catalogue</caption>
 *   <tr><th>name</th><th>kind</th><th>values</th><th>active when</th></tr>
 *   <tr><td>learning_rate</td><td>float, log</td><td>1e-4 .. 1</td><td></td></tr>
 *   <tr><td>batch_size</td><td>categorical</td><td>32, 64, 128, 256, 512</td><td></td></tr>
 *   <tr><td>epochs</td><td>int, log</td><td>1 .. 200</td><td></td></tr>
 *   <tr><td>optimizer</td><td>categorical</td><td>sgd, momentum, nesterov, adagrad, rmsprop, adam</td><td></td></tr>
 *   <tr><td>momentum</td><td>float</td><td>0 .. 0.99</td><td>optimizer in momentum, nesterov, rmsprop</td></tr>
 *   <tr><td>beta1</td><td>float</td><td>0.8 .. 0.999</td><td>optimizer = adam</td></tr>
 *   <tr><td>beta2</td><td>float</td><td>0.9 .. 0.9999</td><td>optimizer = adam</td></tr>
 *   <tr><td>epsilon</td><td>float, log</td><td>1e-10 .. 1e-6</td><td>optimizer = adam</td></tr>
 *   <tr><td>weight_decay</td><td>float, log</td><td>1e-6 .. 1e-2</td><td></td></tr>
 *   <tr><td>l1, l2</td><td>float, log</td><td>1e-7 .. 1e-2</td><td></td></tr>
 *   <tr><td>dropout</td><td>float</td><td>0 .. 0.8</td><td></td></tr>
 *   <tr><td>activation</td><td>categorical</td><td>relu, leaky_relu, elu, tanh, sigmoid</td><td></td></tr>
 *   <tr><td>lr_schedule</td><td>categorical</td><td>constant, step, exponential, cosine, cyclical</td><td></td></tr>
 *   <tr><td>channels</td><td>int, step 8</td><td>8 .. 64</td><td></td></tr>
 *   <tr><td>cells_per_stage</td><td>int</td><td>1 .. 5</td><td></td></tr>
 * </table>
 * Batch size is categorical (powers of two are not a linear grid); its values are integers as text.
 */
public final class TrainingHyperparameters {
  private TrainingHyperparameters() {}

  private static final List<Dimension> ALL = List.of(
      Dimension.ofFloat("learning_rate", 1e-4, 1, Scale.LOG),
      Dimension.ofCategories("batch_size", "32", "64", "128", "256", "512"),
      Dimension.ofInt("epochs", 1, 200, Scale.LOG),
      Dimension.ofCategories("optimizer", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"),
      Dimension.ofFloat("momentum", 0, 0.99, Scale.LINEAR)
          .when(Condition.of("optimizer", "momentum", "nesterov", "rmsprop")),
      Dimension.ofFloat("beta1", 0.8, 0.999, Scale.LINEAR).when(Condition.of("optimizer", "adam")),
      Dimension.ofFloat("beta2", 0.9, 0.9999, Scale.LINEAR).when(Condition.of("optimizer", "adam")),
      Dimension.ofFloat("epsilon", 1e-10, 1e-6, Scale.LOG).when(Condition.of("optimizer", "adam")),
      Dimension.ofFloat("weight_decay", 1e-6, 1e-2, Scale.LOG),
      Dimension.ofFloat("l1", 1e-7, 1e-2, Scale.LOG),
      Dimension.ofFloat("l2", 1e-7, 1e-2, Scale.LOG),
      Dimension.ofFloat("dropout", 0, 0.8, Scale.LINEAR),
      Dimension.ofCategories("activation", "relu", "leaky_relu", "elu", "tanh", "sigmoid"),
      Dimension.ofCategories("lr_schedule", "constant", "step", "exponential", "cosine", "cyclical"),
      Dimension.ofInt("channels", 8, 64, 8),
      Dimension.ofInt("cells_per_stage", 1, 5, Scale.LINEAR));

  private static final Map<String, Dimension> BY_NAME =
      ALL.stream().collect(Collectors.toMap(Dimension::name, Function.identity(), (a, b) -> a, java.util.TreeMap::new));

  /** Every built-in hyperparameter, parents before their conditional children. */
  public static List<Dimension> all() {
    return ALL;
  }

  /** The built-in hyperparameter called {@code name}. */
  public static Optional<Dimension> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The space of all built-in hyperparameters. */
  public static HyperparameterSpace space() {
    return HyperparameterSpace.of(ALL);
  }
}
