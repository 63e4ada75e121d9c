package org.nautilus.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The trainable state of a SameDiff graph for checkpoints: every weight ({@code w:<name>}) and every
 * updater state array ({@code u:<name>:<key>}), by stable names in sorted order; the live arrays, so
 * assigning to them restores the state.
 */
public final class GraphState {
  private GraphState() {}

  /** Weights and updater state of {@code sd}, whose training config must be set. */
  public static Map<String, INDArray> arrays(SameDiff sd) {
    initializeUpdaters(sd);
    Map<String, INDArray> arrays = new TreeMap<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE) {
        arrays.put("w:" + v.name(), v.getArr());
      }
    }
    for (Map.Entry<String, GradientUpdater> u : sd.getUpdaterMap().entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, INDArray> state = u.getValue().getState();
      if (state != null) {
        for (Map.Entry<String, INDArray> s : state.entrySet()) {
          arrays.put("u:" + u.getKey() + ":" + s.getKey(), s.getValue());
        }
      }
    }
    return arrays;
  }

  /** Writes the count, then each name and array. */
  public static void write(Map<String, INDArray> arrays, DataOutputStream out) throws IOException {
    out.writeInt(arrays.size());
    for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
      out.writeUTF(entry.getKey());
      Nd4j.write(entry.getValue(), out);
    }
  }

  /**
   * Reads what {@link #write} wrote into {@code arrays}, which must have the same names and shapes; the
   * message of an {@link IOException} says what does not fit ({@code file} names the source).
   */
  public static void read(Map<String, INDArray> arrays, DataInputStream in, String file) throws IOException {
    int count = in.readInt();
    if (count != arrays.size()) {
      throw new IOException(file + ": " + count + " state arrays, this network has " + arrays.size());
    }
    for (int i = 0; i < count; i++) {
      String key = in.readUTF();
      INDArray saved = Nd4j.read(in);
      INDArray target = arrays.get(key);
      if (target == null || !Arrays.equals(target.shape(), saved.shape())) {
        throw new IOException(file + ": state array '" + key + "' " + Arrays.toString(saved.shape())
            + " does not fit this network");
      }
      target.assign(saved);
    }
  }

  /**
   * Creates the updater state before the first step, so that a checkpoint taken at epoch 0 or a
   * restore into a fresh run finds it. ND4J 1.0.0-M2.1 creates it lazily inside the first
   * {@code fit} and offers no public way to do it earlier, hence the reflective call.
   */
  static void initializeUpdaters(SameDiff sd) {
    if (sd.isInitializedTraining()) {
      return;
    }
    try {
      Method init = SameDiff.class.getDeclaredMethod("initializeTraining");
      init.setAccessible(true);
      init.invoke(sd);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot initialize SameDiff's updaters: " + e, e);
    }
  }
}
