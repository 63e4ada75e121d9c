package org.nautilus.nas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchRandomTest {
  @Test
  void sameSeedSameSequenceAndRestoreContinuesIt() {
    SearchRandom a = SearchRandom.of(7);
    SearchRandom b = SearchRandom.of(7);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
    SearchRandom restored = SearchRandom.restore(a.seed(), a.counter());
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextInt(1000), restored.nextInt(1000));
    }
    assertNotEquals(SearchRandom.of(8).nextLong(), SearchRandom.of(7).nextLong());
  }

  @Test
  void nextIntIsRoughlyUniform() {
    SearchRandom random = SearchRandom.of(1);
    int[] counts = new int[10];
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      counts[random.nextInt(10)]++;
    }
    // Each bucket expects 10,000 with standard deviation ~95; 6 sigma apart from it would be a bug.
    for (int count : counts) {
      assertTrue(Math.abs(count - n / 10) < 600, "bucket count " + count);
    }
  }

  @Test
  void nextDoubleIsInUnitInterval() {
    SearchRandom random = SearchRandom.of(3);
    double sum = 0;
    for (int i = 0; i < 10_000; i++) {
      double d = random.nextDouble();
      assertTrue(d >= 0 && d < 1);
      sum += d;
    }
    assertEquals(0.5, sum / 10_000, 0.02);
  }
}
