package org.nautilus.nas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;

class SyntheticNb201TableTest {
  static String text(long seed) throws IOException {
    StringWriter out = new StringWriter();
    SyntheticNb201Table.write(out, seed);
    return out.toString();
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherTable() throws IOException {
    String a = text(1);
    assertEquals(a, text(1));
    assertNotEquals(a, text(2));
    assertEquals(Nb201Space.SIZE + 1, a.lines().count());
    assertTrue(a.startsWith("candidate,valid_acc,test_acc,train_time\n"));
  }

  @Test
  void hasEveryCellAndAnNb201LikeShape() {
    TabularBenchmark table = SyntheticNb201Table.benchmark(1);
    assertEquals(Nb201Space.SIZE, table.size());
    double best = Double.NEGATIVE_INFINITY;
    double sumV = 0, sumT = 0, sumVv = 0, sumTt = 0, sumVt = 0, cost = 0;
    int n = table.size();
    for (int row = 0; row < n; row++) {
      double v = table.objective(row);
      double t = table.report(row, 0);
      best = Math.max(best, t);
      sumV += v;
      sumT += t;
      sumVv += v * v;
      sumTt += t * t;
      sumVt += v * t;
      cost += table.cost(row);
    }
    double correlation = (n * sumVt - sumV * sumT)
        / Math.sqrt((n * sumVv - sumV * sumV) * (n * sumTt - sumT * sumT));
    assertTrue(best > 93.5 && best < 95, "best test accuracy " + best);
    assertTrue(correlation > 0.8 && correlation < 0.999, "valid/test correlation " + correlation);
    assertTrue(cost / n > 90 && cost / n < 130, "mean cost " + cost / n);

    Nb201Op[] convs = new Nb201Op[6];
    Arrays.fill(convs, Nb201Op.NOR_CONV_3X3);
    Nb201Op[] skips = new Nb201Op[6];
    Arrays.fill(skips, Nb201Op.SKIP_CONNECT);
    int conv = table.row(Nb201Cell.of(convs));
    int skip = table.row(Nb201Cell.of(skips));
    assertTrue(table.cost(conv) > 2 * table.cost(skip), "convolutions cost more");
    assertTrue(table.report(conv, 0) > table.report(skip, 0), "convolutions are better");
    int disconnected = table.row(Nb201Cell.of(Nb201Op.NOR_CONV_3X3, Nb201Op.NOR_CONV_3X3, Nb201Op.NOR_CONV_3X3, Nb201Op.NONE, Nb201Op.NONE, Nb201Op.NONE));
    assertTrue(table.report(disconnected, 0) < 12, "a disconnected cell guesses");
  }
}
