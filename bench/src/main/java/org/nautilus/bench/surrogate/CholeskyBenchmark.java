package org.nautilus.bench.surrogate;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.nautilus.surrogate.gp.Cholesky;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cholesky factorization of an n x n Matérn kernel matrix (plus noise) in the surrogate's plain Java
 * ({@link Cholesky#factor}), Commons Math's {@code CholeskyDecomposition}, and ND4J's LAPACK
 * {@code potrf} (OpenBLAS, ND4J's default threads), plus the surrogate's inverse from the factor, which
 * each likelihood gradient needs. Each operation includes copying the input (O(n^2), small beside n^3/3).
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl bench -am && java $(cat cli/target/jvm.options) -jar
 * bench/target/benchmarks.jar CholeskyBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CholeskyBenchmark {
  @Param({"250", "1000", "2000"})
  public int n;

  private double[] matrix;
  private double[][] rows;
  private double[] factor;
  private INDArray source;
  private INDArray work;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    double[][] x = new double[n][10];
    for (double[] p : x) {
      for (int j = 0; j < p.length; j++) {
        p[j] = r.nextDouble();
      }
    }
    var kernel = org.nautilus.surrogate.kernel.Kernel.scaled(org.nautilus.surrogate.kernel.Kernel.matern52(10), 1);
    matrix = new double[n * n];
    rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        matrix[i * n + j] = kernel.value(x[i], x[j]) + (i == j ? 0.01 : 0);
        rows[i][j] = matrix[i * n + j];
      }
    }
    factor = matrix.clone();
    if (!Cholesky.factor(factor, n)) {
      throw new IllegalStateException("benchmark matrix is not positive definite");
    }
    source = Nd4j.create(rows).castTo(DataType.DOUBLE);
    work = source.dup('f');
  }

  @Benchmark
  public double[] plainJava() {
    double[] a = matrix.clone();
    Cholesky.factor(a, n);
    return a;
  }

  @Benchmark
  public Object commonsMath() {
    return new CholeskyDecomposition(new Array2DRowRealMatrix(rows, true)).getL();
  }

  @Benchmark
  public INDArray nd4j() {
    work.assign(source);
    Nd4j.getBlasWrapper().lapack().potrf(work, true);
    return work;
  }

  @Benchmark
  public double[] plainJavaInverse() {
    return Cholesky.inverse(factor, n);
  }
}
