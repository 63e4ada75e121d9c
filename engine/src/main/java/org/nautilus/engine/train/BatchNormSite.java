package org.nautilus.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch-norm site of a convolutional network: the names of its batch mean and (biased) variance in
 * the training graph, and the running statistics that the evaluation graph reads (set by the trainer).
 */
record BatchNormSite(String batchMean, String batchVariance, INDArray runningMean, INDArray runningVariance) {}
