package org.nautilus.engine.train;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolutional image classifier as a pair of SameDiff graphs sharing one set of weight arrays, as
 * {@link SameDiffTrainingRun} trains it: {@link #trainGraph()} (batch norm on batch statistics) and
 * {@link #evalGraph()} (batch norm on running statistics, no dropout). Placeholders and outputs use the
 * names below.
 */
interface ImageNetwork {
  /** Placeholder for a minibatch of images, {@code [batch, channels, rows, cols]}. */
  String INPUT = "input";
  /** Placeholder (training graph) for one-hot labels, {@code [batch, classes]}. */
  String LABELS = "labels";
  /** Output: unnormalised class scores, {@code [batch, classes]}. */
  String LOGITS = "logits";
  /** Output (training graph): mean softmax cross-entropy over the minibatch. */
  String LOSS = "loss";

  SameDiff trainGraph();

  SameDiff evalGraph();

  /** The batch-norm sites, in graph order. */
  List<BatchNormSite> batchNorms();

  /** Number of trainable (live) parameters. */
  long parameterCount();

  /**
   * The training graph's feature placeholders, {@link #INPUT} first, then any the network fills per step
   * ({@link #stepInputs}).
   */
  default List<String> featurePlaceholders() {
    return List.of(INPUT);
  }

  /**
   * Values of the placeholders after {@link #INPUT} in {@link #featurePlaceholders()} for one training step
   * of {@code batch} images (e.g. dropout masks), drawn from {@code random}.
   */
  default INDArray[] stepInputs(int batch, SplittableRandom random) {
    return new INDArray[0];
  }
}
