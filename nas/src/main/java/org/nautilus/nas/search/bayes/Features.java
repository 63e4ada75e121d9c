package org.nautilus.nas.search.bayes;

import java.util.Optional;
import org.nautilus.nas.encode.Nb201PathEncoder;
import org.nautilus.nas.encode.VectorEncoder;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CategoricalSpace;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;
import org.nautilus.surrogate.gp.Hyperparameters;
import org.nautilus.surrogate.kernel.Kernel;
import org.nautilus.surrogate.kernel.Matern52;
import org.nautilus.surrogate.kernel.Overlap;
import org.nautilus.surrogate.kernel.Sum;

/** Turns candidates into model inputs and gives the kernel and starting hyperparameters that suit them. */
interface Features {
  /** The model input of {@code candidate}; a new array. */
  double[] encode(Candidate candidate);

  /** The starting hyperparameters (and the prior's centre) of every fit. */
  Hyperparameters initial();

  /**
   * The features of {@code encoding} for {@code space}.
   *
   * @throws IllegalArgumentException naming the encoding and the space if it does not apply
   */
  @SuppressWarnings("unchecked")
  static Features of(SearchSpace<?> space, GpBayesConfig.Encoding encoding) {
    SearchSpace<Candidate> s = (SearchSpace<Candidate>) space;
    switch (encoding) {
      case CATEGORICAL: {
        CategoricalSpace<Candidate> c = s.asCategorical().orElseThrow(() -> new IllegalArgumentException(
            "gp.encoding categorical needs a space of categorical decisions; space '" + space.name()
                + "' has a continuous dimension; use one_hot"));
        int decisions = c.cardinalities().length;
        Kernel kernel = Kernel.scaled(Overlap.of(range(decisions)), 1);
        Hyperparameters initial = new Hyperparameters(kernel, 0.01);
        return new Features() {
          @Override
          public double[] encode(Candidate candidate) {
            int[] d = c.decisions(candidate);
            double[] out = new double[d.length];
            for (int i = 0; i < d.length; i++) {
              out[i] = d[i];
            }
            return out;
          }

          @Override
          public Hyperparameters initial() {
            return initial;
          }
        };
      }
      case ONE_HOT: {
        Optional<VectorEncoder<Candidate>> vectors = vectorEncoder(s);
        if (vectors.isPresent()) {
          return matern(vectors.get().length(), vectors.get()::encode);
        }
        CategoricalSpace<Candidate> c = s.asCategorical().orElseThrow(() -> new IllegalArgumentException(
            "gp.encoding one_hot: space '" + space.name() + "' has no vector encoding and no categorical decisions"));
        int[] sizes = c.cardinalities();
        int[] offsets = new int[sizes.length];
        int length = 0;
        for (int i = 0; i < sizes.length; i++) {
          offsets[i] = length;
          length += sizes[i];
        }
        int total = length;
        return matern(total, candidate -> {
          int[] d = c.decisions(candidate);
          double[] out = new double[total];
          for (int i = 0; i < d.length; i++) {
            out[offsets[i] + d[i]] = 1;
          }
          return out;
        });
      }
      case PATH: {
        if (!(space instanceof Nb201Space nb201)) {
          throw new IllegalArgumentException("gp.encoding path is defined for the NAS-Bench-201 space only, not '"
              + space.name() + "'");
        }
        Nb201PathEncoder path = new Nb201PathEncoder(nb201);
        return matern(path.length(), candidate -> path.encode((Nb201Cell) candidate));
      }
      default:
        throw new IllegalArgumentException("unknown encoding " + encoding);
    }
  }

  private static Optional<VectorEncoder<Candidate>> vectorEncoder(SearchSpace<Candidate> space) {
    try {
      return Optional.of(VectorEncoder.of(space));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a space the encoders do not know: fall back to one-hot decisions
    }
  }

  /** Matérn-5/2 ARD over {@code length} features in [0, 1]; length-scales start at 2 (a one-hot flip is sqrt 2). */
  private static Features matern(int length, java.util.function.Function<Candidate, double[]> encode) {
    Kernel kernel = Kernel.scaled(Matern52.of(range(length)).withLengthscale(2), 1);
    Hyperparameters initial = new Hyperparameters(kernel, 0.01);
    return new Features() {
      @Override
      public double[] encode(Candidate candidate) {
        return encode.apply(candidate);
      }

      @Override
      public Hyperparameters initial() {
        return initial;
      }
    };
  }

  /**
   * {@code base}'s encoding with its kernel plus a sum of one-dimensional Matérn-5/2 kernels, one per
   * input {@code 0 .. inputs - 1}, each starting at variance {@code 1 / inputs} and length-scale 0.5:
   * an additive component is learned from every result, so each input's trend shows after few results.
   */
  static Features withAdditive(Features base, int inputs) {
    Kernel additive = null;
    for (int i = 0; i < inputs; i++) {
      Kernel one = Kernel.scaled(Matern52.of(new int[] {i}).withLengthscale(0.5), 1.0 / inputs);
      additive = additive == null ? one : new Sum(additive, one);
    }
    Hyperparameters initial = new Hyperparameters(new Sum(additive, base.initial().kernel()),
        base.initial().noiseVariance());
    return new Features() {
      @Override
      public double[] encode(Candidate candidate) {
        return base.encode(candidate);
      }

      @Override
      public Hyperparameters initial() {
        return initial;
      }
    };
  }

  private static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
