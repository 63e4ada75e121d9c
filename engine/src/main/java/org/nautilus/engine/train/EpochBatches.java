package org.nautilus.engine.train;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The minibatches of one epoch, made on demand, so that a run trains a whole epoch in one
 * {@code SameDiff.fit(iterator, 1)} call.
 *
 * <p><b>Why.</b> In ND4J 1.0.0-M2.1 every {@code fit} call opens a new training session, and each session
 * has its own array cache ({@code ArrayCacheMemoryMgr}); one {@code fit(MultiDataSet)} per minibatch
 * therefore allocated every activation and gradient buffer afresh at every step (native
 * {@code allocateDataBuffer}, with the kernel's zeroing of fresh pages) and freed them again. Sampled
 * with JFR on the NAS-Bench-201 network (C=16, batch 128), that allocation held 27% of the native samples
 * of a step (218 of 810); with one session per epoch it fell to 59 of 560, nearly all in the first step.
 *
 * <p>Synchronous only ({@link #asyncSupported()} is false): batches are made on the training thread, in
 * order, so their seeded randomness is the same as before. {@link #stop} ends the epoch early (e.g. after
 * a diverged loss), checked before each batch.
 */
public final class EpochBatches implements MultiDataSetIterator {
  private final int count;
  private final IntFunction<MultiDataSet> batch;
  private final BooleanSupplier stop;
  private int next;

  /** {@code count} batches, batch {@code b} made by {@code batch.apply(b)}, unless {@code stop} says so first. */
  public EpochBatches(int count, IntFunction<MultiDataSet> batch, BooleanSupplier stop) {
    this.count = count;
    this.batch = Objects.requireNonNull(batch, "batch");
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  /** Batches handed out so far: the one being trained when {@code fit} throws is number {@code served()}. */
  public int served() {
    return next;
  }

  @Override
  public boolean hasNext() {
    return next < count && !stop.getAsBoolean();
  }

  @Override
  public MultiDataSet next() {
    if (next >= count) {
      throw new java.util.NoSuchElementException("all " + count + " batches of the epoch were served");
    }
    return batch.apply(next++);
  }

  @Override
  public MultiDataSet next(int num) {
    return next();
  }

  @Override
  public boolean resetSupported() {
    return false;
  }

  @Override
  public boolean asyncSupported() {
    return false;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("an epoch's batches are served once");
  }

  @Override
  public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
    throw new UnsupportedOperationException("no preprocessing");
  }

  @Override
  public MultiDataSetPreProcessor getPreProcessor() {
    return null;
  }
}
