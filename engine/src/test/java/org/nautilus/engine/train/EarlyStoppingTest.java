package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;

class EarlyStoppingTest {
  @Test
  void stopsAfterPatienceEpochsWithoutAStrictImprovementButNotAtTheLastEpoch() {
    EarlyStopping loss = new EarlyStopping(Direction.MINIMIZE, 2);
    loss.record(0.9, 1, 10);
    loss.record(0.5, 2, 10);
    loss.record(0.5, 3, 10); // a tie is no improvement
    assertFalse(loss.stopped());
    loss.record(0.7, 4, 10);
    assertTrue(loss.stopped());
    assertEquals(0.5, loss.best());

    EarlyStopping last = new EarlyStopping(Direction.MAXIMIZE, 1);
    last.record(0.8, 1, 2);
    last.record(0.7, 2, 2); // the run ends here anyway: not an early stop
    assertFalse(last.stopped());
    assertEquals(0.8, last.best());
  }

  @Test
  void patienceZeroNeverStopsAndNegativePatienceIsRejected() {
    EarlyStopping never = new EarlyStopping(Direction.MAXIMIZE, 0);
    for (int epoch = 1; epoch <= 5; epoch++) {
      never.record(1.0 / epoch, epoch, 10);
    }
    assertFalse(never.stopped());
    assertEquals(1.0, never.best());
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(Direction.MAXIMIZE, -1));
  }

  @Test
  void aCheckpointedStateContinuesAsTheOriginal() throws IOException {
    EarlyStopping original = new EarlyStopping(Direction.MAXIMIZE, 2);
    original.record(0.6, 1, 10);
    original.record(0.5, 2, 10);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.write(new DataOutputStream(bytes));
    assertEquals(8 + 4 + 1, bytes.size()); // the layout checkpoints of every in-JVM run share
    EarlyStopping restored = new EarlyStopping(Direction.MAXIMIZE, 2);
    restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(0.6, restored.best());
    original.record(0.55, 3, 10);
    restored.record(0.55, 3, 10);
    assertTrue(original.stopped());
    assertTrue(restored.stopped());
  }
}
