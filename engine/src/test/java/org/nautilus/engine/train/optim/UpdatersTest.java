package org.nautilus.engine.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.ParamValue;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * Two real SameDiff training steps of each optimizer on {@code loss = sum(w * x)}, whose gradient is
 * {@code x} whatever {@code w} is, against the optimizer's update written out by hand (PyTorch's
 * formulas, in double).
 */
class UpdatersTest {
  private static final double LR = 0.1;
  private static final double MU = 0.9;
  private static final double[] W0 = {1, 2, 3};
  private static final double[] G = {0.5, -2, 0.25};

  private static TrainingSettings settings(Optimizer optimizer) {
    return new TrainingSettings(optimizer, LR, MU, 0.8, 0.95, OptionalDouble.empty(), 0, 0, 0, LrSchedule.CONSTANT, 0,
        0, 0, 1);
  }

  /** w after two steps with {@code updater} (and the given L1/L2/weight decay). */
  private static double[] twoSteps(IUpdater updater, double l1, double l2, double weightDecay) {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 3);
    SDVariable w = sd.var("w", Nd4j.createFromArray(W0.clone()));
    sd.setLossVariables(w.mul(x).sum("loss"));
    TrainingConfig.Builder config = new TrainingConfig.Builder().updater(updater).dataSetFeatureMapping("x")
        .markLabelsUnused();
    if (l1 > 0) {
      config.l1(l1);
    }
    if (l2 > 0) {
      config.l2(l2);
    }
    if (weightDecay > 0) {
      config.weightDecay(weightDecay, true);
    }
    sd.setTrainingConfig(config.build());
    INDArray features = Nd4j.createFromArray(G.clone());
    for (int step = 0; step < 2; step++) {
      sd.fit(new MultiDataSet(new INDArray[] {features}, new INDArray[0]));
    }
    return sd.getArrForVarName("w").toDoubleVector();
  }

  private static double[] expected(java.util.function.IntToDoubleFunction perElement) {
    double[] w = new double[3];
    for (int i = 0; i < 3; i++) {
      w[i] = perElement.applyAsDouble(i);
    }
    return w;
  }

  @Test
  void sgd() {
    double[] w = twoSteps(Updaters.of(settings(Optimizer.SGD), new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> W0[i] - 2 * LR * G[i]), w, 1e-12);
  }

  @Test
  void heavyBallMomentum() {
    // v1 = g, w1 = w0 - lr g; v2 = mu g + g, w2 = w1 - lr (1 + mu) g
    double[] w = twoSteps(Updaters.of(settings(Optimizer.MOMENTUM), new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> W0[i] - LR * G[i] - LR * (1 + MU) * G[i]), w, 1e-12);
  }

  @Test
  void nesterov() {
    // PyTorch: b1 = g, step lr (g + mu b1); b2 = mu g + g, step lr (g + mu b2)
    double[] w = twoSteps(Updaters.of(settings(Optimizer.NESTEROV), new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> W0[i] - LR * (1 + MU) * G[i] - LR * (G[i] + MU * (MU * G[i] + G[i]))), w, 1e-12);
  }

  @Test
  void adaGrad() {
    // h1 = h0 + g^2, step lr g / (sqrt(h1) + eps); h2 = h1 + g^2. ND4J starts the sum h0 at eps, not 0
    // (its AdaGrad and RMSProp updaters fill their state with epsilon): this test first failed by 2.7e-7
    // with h0 = 0.
    double eps = 1e-6;
    double[] w = twoSteps(Updaters.of(settings(Optimizer.ADAGRAD), new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> W0[i] - LR * G[i] / (Math.sqrt(eps + G[i] * G[i]) + eps)
        - LR * G[i] / (Math.sqrt(eps + 2 * G[i] * G[i]) + eps)), w, 1e-12);
  }

  @Test
  void rmsProp() {
    // r1 = d r0 + (1 - d) g^2, step lr g / (sqrt(r1) + eps); r2 = d r1 + (1 - d) g^2; r0 = eps (see adaGrad)
    double d = Updaters.RMSPROP_DECAY;
    double eps = 1e-8;
    double[] w = twoSteps(Updaters.of(settings(Optimizer.RMSPROP), new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> {
      double r1 = d * eps + (1 - d) * G[i] * G[i];
      double r2 = d * r1 + (1 - d) * G[i] * G[i];
      return W0[i] - LR * G[i] / (Math.sqrt(r1) + eps) - LR * G[i] / (Math.sqrt(r2) + eps);
    }), w, 1e-12);
  }

  @Test
  void adamWithItsOwnBetas() {
    double b1 = 0.8;
    double b2 = 0.95;
    double eps = 1e-8;
    double[] w = twoSteps(Updaters.of(settings(Optimizer.ADAM), new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> {
      double wi = W0[i];
      double m = 0;
      double v = 0;
      for (int t = 1; t <= 2; t++) {
        m = b1 * m + (1 - b1) * G[i];
        v = b2 * v + (1 - b2) * G[i] * G[i];
        double alpha = LR * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        wi -= alpha * m / (Math.sqrt(v) + eps);
      }
      return wi;
    }), w, 1e-9);
  }

  @Test
  void gradientClippingScalesEachArrayToTheMaxNorm() {
    // |g| = sqrt(0.25 + 4 + 0.0625) = 2.0766...; clipped to norm 1, then plain SGD
    TrainingSettings clipped = new TrainingSettings(Optimizer.SGD, LR, 0, 0.9, 0.999, OptionalDouble.empty(), 0, 0, 0,
        LrSchedule.CONSTANT, 0, 1.0, 0, 1);
    double norm = Math.sqrt(G[0] * G[0] + G[1] * G[1] + G[2] * G[2]);
    double[] w = twoSteps(Updaters.of(clipped, new FixedSchedule(LR)), 0, 0, 0);
    assertArrayEquals(expected(i -> W0[i] - 2 * LR * G[i] / norm), w, 1e-9);
  }

  @Test
  void l2AndDecoupledWeightDecay() {
    double l2 = 0.01;
    // L2: gradient g + l2 w
    double[] w = twoSteps(Updaters.of(settings(Optimizer.SGD), new FixedSchedule(LR)), 0, l2, 0);
    assertArrayEquals(expected(i -> {
      double w1 = W0[i] - LR * (G[i] + l2 * W0[i]);
      return w1 - LR * (G[i] + l2 * w1);
    }), w, 1e-12);
    // weight decay after the (momentum) step: w -= lr * wd * w, with w before the step
    double wd = 0.05;
    double[] decayed = twoSteps(Updaters.of(settings(Optimizer.MOMENTUM), new FixedSchedule(LR)), 0, 0, wd);
    assertArrayEquals(expected(i -> {
      double w1 = W0[i] - LR * G[i] - LR * wd * W0[i];
      return w1 - LR * (1 + MU) * G[i] - LR * wd * w1;
    }), decayed, 1e-12);
  }

  @Test
  void hyperparametersOverrideTheDefaultsByName() {
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put("optimizer", new ParamValue.Category("adam"));
    hp.put("learning_rate", new ParamValue.Real(0.003));
    hp.put("beta1", new ParamValue.Real(0.85));
    hp.put("epsilon", new ParamValue.Real(1e-7));
    hp.put("batch_size", new ParamValue.Category("256"));
    hp.put("l1", new ParamValue.Real(1e-5));
    hp.put("lr_schedule", new ParamValue.Category("step"));
    hp.put("patience", new ParamValue.Int(3));
    hp.put("channels", new ParamValue.Int(32));
    TrainingSettings s = TrainingSettings.defaults().with(Configuration.of(hp));
    assertEquals(new TrainingSettings(Optimizer.ADAM, 0.003, 0.9, 0.85, 0.999, OptionalDouble.of(1e-7), 0, 1e-5, 0,
        LrSchedule.STEP, 0, 0, 3, 256), s);
    assertEquals(1e-6, TrainingSettings.defaults().with(Configuration.of(Map.of("optimizer",
        new ParamValue.Category("adagrad")))).effectiveEpsilon());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSettings.defaults()
        .with(Configuration.of(Map.of("optimizer", new ParamValue.Category("lion")))));
    assertEquals("hyperparameter optimizer: unknown value 'lion', expected sgd, momentum, nesterov, adagrad, "
        + "rmsprop or adam", e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> TrainingSettings.defaults()
        .with(Configuration.of(Map.of("momentum", new ParamValue.Real(0.99), "optimizer",
            new ParamValue.Category("momentum"), "beta2", new ParamValue.Real(1.0)))));
    assertEquals("hyperparameter beta2 must be in [0, 1), got 1.0", m.getMessage());
  }

  @Test
  void namesListsExactlyTheHyperparametersThatOverrideADefault() {
    Map<String, ParamValue> changed = Map.ofEntries(Map.entry("optimizer", new ParamValue.Category("adam")),
        Map.entry("learning_rate", new ParamValue.Real(0.5)), Map.entry("momentum", new ParamValue.Real(0.5)),
        Map.entry("beta1", new ParamValue.Real(0.5)), Map.entry("beta2", new ParamValue.Real(0.5)),
        Map.entry("epsilon", new ParamValue.Real(1e-3)), Map.entry("weight_decay", new ParamValue.Real(0.1)),
        Map.entry("l1", new ParamValue.Real(0.1)), Map.entry("l2", new ParamValue.Real(0.1)),
        Map.entry("lr_schedule", new ParamValue.Category("step")), Map.entry("warmup_epochs", new ParamValue.Real(2)),
        Map.entry("gradient_clip", new ParamValue.Real(1)), Map.entry("patience", new ParamValue.Int(4)),
        Map.entry("batch_size", new ParamValue.Category("8")));
    assertEquals(new TreeSet<>(changed.keySet()), new TreeSet<>(TrainingSettings.NAMES));
    TrainingSettings defaults = TrainingSettings.defaults();
    for (String name : TrainingSettings.NAMES) {
      assertNotEquals(defaults, defaults.with(Configuration.of(Map.of(name, changed.get(name)))), name);
    }
    assertEquals(defaults, defaults.with(Configuration.of(Map.of("units", new ParamValue.Int(7)))));
  }
}

