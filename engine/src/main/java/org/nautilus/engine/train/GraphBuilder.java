package org.nautilus.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The building blocks shared by the convolutional networks ({@link Nb201Network}, {@link DartsNetwork}),
 * each built twice: once as the training graph (batch norm on batch statistics, composed from ops whose
 * gradients work in ND4J 1.0.0-M2.1; ReLU as {@code x * step(x)}), once as the evaluation graph (fused
 * batch norm on running statistics, {@code relu}), which reads the training graph's weight arrays. The
 * second builder must make the same calls in the same order as the first. See {@link Nb201Network} for
 * why batch norm and ReLU are composed this way.
 */
abstract class GraphBuilder {
  /** Batch-norm epsilon (PyTorch's default). */
  static final double BN_EPSILON = 1e-5;

  protected final SplittableRandom random;
  protected final GraphBuilder shared;
  protected final boolean training;
  protected final SameDiff sd = SameDiff.create();
  protected final List<BatchNormSite> batchNorms = new ArrayList<>();
  private int batchNormIndex;

  /** A training builder drawing weights from {@code random}, or (with {@code shared}) an evaluation builder. */
  GraphBuilder(SplittableRandom random, GraphBuilder shared) {
    this.random = random;
    this.shared = shared;
    this.training = shared == null;
  }

  SDVariable relu(String name, SDVariable x) {
    return training ? x.mul(name, sd.math().step(x, 0.0)) : sd.nn().relu(name, x, 0);
  }

  /**
   * Conv without bias, padding {@code kernel / 2} (same for odd kernels at stride 1); He-normal weights in
   * ND4J's default layout [kH, kW, in, out] (YXIO). Other layouts break {@code conv2d_bp} in 1.0.0-M2.1:
   * the gradient op is built without the weight format and reads the shape as YXIO.
   */
  SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride) {
    return conv(name, x, in, out, kernel, stride, kernel / 2);
  }

  /** As {@link #conv(String, SDVariable, int, int, int, int)} with explicit padding. */
  SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride, int padding) {
    double std = Math.sqrt(2.0 / (in * kernel * kernel));
    SDVariable w = param(name + "_w", () -> normal(std, kernel, kernel, in, out));
    Conv2DConfig config = Conv2DConfig.builder()
        .kH(kernel).kW(kernel).sH(stride).sW(stride).pH(padding).pW(padding).dH(1).dW(1)
        .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
    return sd.cnn().conv2d(name, x, w, config);
  }

  /**
   * Depthwise conv (one {@code kernel x kernel} filter per channel, no bias) with dilation
   * {@code dilation} and padding {@code dilation * (kernel - 1) / 2}, so "same" at stride 1. Weights
   * {@code [kernel, kernel, channels, 1]}, He-normal with fan-in {@code kernel^2}.
   *
   * <p>A dilated kernel is applied as the equivalent undilated one of side {@code dilation * (kernel - 1) + 1}
   * with zeros between the taps, {@code K @ w} for a constant 0/1 matrix {@code K}, so its gradient
   * reaches only the {@code kernel^2} weights: ND4J 1.0.0-M2.1's oneDNN helper rejects every dilated
   * convolution ({@code conv2d} and {@code depthwise_conv2d}: "could not create a descriptor for a
   * dilated convolution forward propagation primitive").
   */
  SDVariable depthwise(String name, SDVariable x, int channels, int kernel, int stride, int dilation) {
    double std = Math.sqrt(2.0 / (kernel * kernel));
    SDVariable w = param(name + "_w", () -> normal(std, kernel, kernel, channels, 1));
    int effective = dilation * (kernel - 1) + 1;
    if (dilation > 1) {
      float[] spread = new float[effective * effective * kernel * kernel];
      for (int i = 0; i < kernel; i++) {
        for (int j = 0; j < kernel; j++) {
          spread[((dilation * i) * effective + dilation * j) * kernel * kernel + i * kernel + j] = 1f;
        }
      }
      SDVariable k = sd.constant(name + "_spread",
          Nd4j.create(spread, new long[] {(long) effective * effective, (long) kernel * kernel}, 'c'));
      w = sd.reshape(k.mmul(sd.reshape(w, kernel * kernel, channels)), effective, effective, channels, 1);
    }
    int padding = (effective - 1) / 2;
    Conv2DConfig config = Conv2DConfig.builder()
        .kH(effective).kW(effective).sH(stride).sW(stride).pH(padding).pW(padding).dH(1).dW(1)
        .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
    return sd.cnn().depthWiseConv2d(name, x, w, config);
  }

  /** 3x3 max pooling, padding 1 (padding never wins), at {@code stride}. */
  SDVariable maxPool3x3(String name, SDVariable x, int stride) {
    return sd.cnn().maxPooling2d(name, x, pool3x3(stride).build());
  }

  /** 3x3 average pooling, padding 1 not counted (PyTorch's {@code count_include_pad=False}), at {@code stride}. */
  SDVariable avgPool3x3(String name, SDVariable x, int stride) {
    return sd.cnn().avgPooling2d(name, x, pool3x3(stride).divisor(Pooling2D.Divisor.EXCLUDE_PADDING).build());
  }

  /**
   * A 3x3 window with PyTorch's {@code padding=1}: at stride 1 ND4J's "same" mode; at stride 2 explicit
   * padding, since "same" would pad TensorFlow's way (nothing before, one after) and shift the windows.
   */
  private static Pooling2DConfig.Pooling2DConfigBuilder pool3x3(int stride) {
    return Pooling2DConfig.builder().kH(3).kW(3).sH(stride).sW(stride).pH(1).pW(1).dH(1).dW(1)
        .paddingMode(stride == 1 ? PaddingMode.SAME : PaddingMode.VALID).isNHWC(false);
  }

  /**
   * Batch norm over (N, H, W) with learned {@code gamma} (ones) and {@code beta} (zeros): batch statistics
   * in the training graph (a new {@link BatchNormSite}), running statistics in the evaluation graph.
   */
  SDVariable batchNorm(String name, SDVariable x, int channels) {
    SDVariable gamma = param(name + "_gamma", () -> Nd4j.ones(DataType.FLOAT, channels));
    SDVariable beta = param(name + "_beta", () -> Nd4j.zeros(DataType.FLOAT, channels));
    if (!training) {
      BatchNormSite site = shared.batchNorms.get(batchNormIndex++);
      return sd.nn().batchNorm(name, x, sd.constant(name + "_rmean", site.runningMean()),
          sd.constant(name + "_rvar", site.runningVariance()), gamma, beta, BN_EPSILON, 1);
    }
    SDVariable[] moments = sd.math().moments(new String[] {name + "_bmean", name + "_bvar"}, x,
        new int[] {0, 2, 3}, false);
    SDVariable scale = gamma.mul(sd.math().rsqrt(moments[1].add(BN_EPSILON)));
    SDVariable shift = beta.sub(moments[0].mul(scale));
    SDVariable scaleMap = sd.nn().biasAdd(sd.zerosLike(x), scale, true);
    batchNorms.add(new BatchNormSite(moments[0].name(), moments[1].name(), Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.ones(DataType.FLOAT, channels)));
    return sd.nn().biasAdd(name, x.mul(scaleMap), shift, true);
  }

  /** A trainable variable: new in the training graph, the same array in the evaluation graph. */
  SDVariable param(String name, Supplier<INDArray> init) {
    INDArray array = training ? init.get() : shared.sd.getArrForVarName(name);
    return sd.var(name, array);
  }

  INDArray normal(double std, long... shape) {
    float[] values = new float[(int) length(shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
    return Nd4j.create(values, shape, 'c');
  }

  INDArray uniform(double bound, long... shape) {
    float[] values = new float[(int) length(shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return Nd4j.create(values, shape, 'c');
  }

  private static long length(long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
