package org.nautilus.engine.train.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Output shapes, parameter counts and gradients (of every weight array, three elements each) of the LSTM
 * (ND4J's fused {@code lstmLayer}) and the composed GRU, two layers of 3 units over 5 steps of 2 features
 * (batch 4), against central finite differences.
 */
class RecurrentNetworkTest {
  private static final int BATCH = 4;
  private static final int STEPS = 5;
  private static final int FEATURES = 2;
  private static final int UNITS = 3;

  private static Map<String, INDArray> inputs(RecurrentNetwork net, int outputs, boolean classification) {
    SplittableRandom random = new SplittableRandom(9);
    float[] x = new float[BATCH * STEPS * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 2 - 1);
    }
    float[] y = new float[BATCH * outputs];
    for (int i = 0; i < BATCH; i++) {
      if (classification) {
        y[i * outputs + i % outputs] = 1f;
      } else {
        y[i] = (float) random.nextGaussian();
      }
    }
    Map<String, INDArray> inputs = new HashMap<>();
    inputs.put(RecurrentNetwork.INPUT, Nd4j.create(x, new long[] {BATCH, STEPS, FEATURES}, 'c'));
    inputs.put(RecurrentNetwork.LABELS, Nd4j.create(y, new long[] {BATCH, outputs}, 'c'));
    for (int layer = 0; layer < net.shape().layers(); layer++) {
      // a dropout mask with one unit dropped, so that the mask is part of what is checked
      INDArray mask = Nd4j.ones(DataType.FLOAT, BATCH, UNITS).muli(1.5f);
      mask.putScalar(new long[] {layer % BATCH, 1}, 0f);
      inputs.put(RecurrentNetwork.mask(layer), mask);
    }
    return inputs;
  }

  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void shapesCountsAndGradientsMatchFiniteDifferences(RecurrentCell cell) {
    for (boolean classification : new boolean[] {true, false}) {
      int outputs = classification ? 3 : 1;
      RecurrentNetwork net = RecurrentNetwork.build(new RecurrentArchitecture(cell, 2, UNITS, 0.3), STEPS, FEATURES,
          outputs, classification, 4);
      SameDiff sd = net.graph();
      Map<String, INDArray> inputs = inputs(net, outputs, classification);

      Map<String, INDArray> forward = new HashMap<>(inputs);
      forward.remove(RecurrentNetwork.LABELS);
      assertArrayEquals(new long[] {BATCH, outputs}, sd.output(forward, RecurrentNetwork.OUTPUT)
          .get(RecurrentNetwork.OUTPUT).shape(), cell + " output");
      assertArrayEquals(new long[] {BATCH, UNITS}, sd.output(forward, "h1").get("h1").shape(), cell + " last state");
      int g = cell.gates();
      long expected = g * (FEATURES * UNITS + UNITS * UNITS + UNITS) + g * (UNITS * UNITS + UNITS * UNITS + UNITS)
          + UNITS * outputs + outputs;
      assertEquals(expected, net.parameterCount(), cell + " parameters by hand");
      long counted = 0;
      for (var v : sd.variables()) {
        if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
          counted += v.getArr().length();
        }
      }
      assertEquals(expected, counted, cell + " parameters in the graph");

      List<String> params = new java.util.ArrayList<>();
      for (var v : sd.variables()) {
        if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
          params.add(v.name());
        }
      }
      assertEquals(cell == RecurrentCell.LSTM ? 8 : 20, params.size(), params.toString());
      Map<String, INDArray> gradients = org.nautilus.engine.train.QuietStdout.run(
          () -> sd.calculateGradients(inputs, params.toArray(new String[0])));
      for (String name : params) {
        INDArray w = sd.getArrForVarName(name);
        INDArray grad = gradients.get(name);
        assertArrayEquals(w.shape(), grad.shape(), name);
        for (long i : new long[] {0, w.length() / 2, w.length() - 1}) {
          float eps = 1e-2f; // the network is smooth (sigmoid, tanh): no kinks to step over
          float original = w.getFloat(i);
          w.putScalar(i, original + eps);
          double plus = loss(sd, inputs);
          w.putScalar(i, original - eps);
          double minus = loss(sd, inputs);
          w.putScalar(i, original);
          double numeric = (plus - minus) / (2 * eps);
          double analytic = grad.getDouble(i);
          assertTrue(Math.abs(numeric - analytic) <= 0.02 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 2e-4,
              cell + (classification ? " classifier" : " regressor") + ": d loss / d " + name + "[" + i + "] is "
                  + analytic + " by backprop, " + numeric + " by finite differences");
        }
      }
    }
  }

  private static double loss(SameDiff sd, Map<String, INDArray> inputs) {
    return sd.output(inputs, RecurrentNetwork.LOSS).get(RecurrentNetwork.LOSS).castTo(DataType.DOUBLE).getDouble(0);
  }
}
