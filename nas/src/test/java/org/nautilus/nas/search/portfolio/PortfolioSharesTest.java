package org.nautilus.nas.search.portfolio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;

class PortfolioSharesTest {
  private static final int ANY = Integer.MAX_VALUE;

  @Test
  void weightsShareTheTrialsInProportionInterleaved() {
    PortfolioShares shares = new PortfolioShares(PortfolioSearcher.Policy.WEIGHTS, new double[] {3, 1}, Direction.MAXIMIZE);
    assertArrayEquals(new int[] {6, 2}, shares.allot(8, new int[] {ANY, ANY}));
    // One at a time, as trainers come free: 3 of every 4 go to the first member, and never 4 in a row.
    StringBuilder order = new StringBuilder();
    for (int n = 0; n < 12; n++) {
      int[] one = shares.allot(1, new int[] {ANY, ANY});
      int member = one[0] == 1 ? 0 : 1;
      shares.proposed(member);
      order.append(member);
    }
    assertEquals(9, order.chars().filter(c -> c == '0').count(), order.toString());
    assertTrue(!order.toString().contains("0000"), order.toString());
  }

  @Test
  void limitsAreKeptAndWhatTheyLeaveGoesToTheOthers() {
    PortfolioShares shares = new PortfolioShares(PortfolioSearcher.Policy.WEIGHTS, new double[] {1, 1, 1}, Direction.MAXIMIZE);
    assertArrayEquals(new int[] {1, 0, 5}, shares.allot(6, new int[] {1, 0, ANY}));
    assertArrayEquals(new int[] {0, 0, 0}, shares.allot(4, new int[] {0, 0, 0}));
  }

  @Test
  void theBanditTriesEveryMemberThenFavoursTheOneThatImproves() {
    PortfolioShares shares = new PortfolioShares(PortfolioSearcher.Policy.BANDIT, new double[] {1, 1}, Direction.MINIMIZE);
    assertArrayEquals(new int[] {1, 1}, shares.allot(2, new int[] {ANY, ANY}), "each untried member first");
    double loss = 10;
    for (int n = 0; n < 40; n++) {
      shares.proposed(0);
      shares.ended(0, 20 + n); // never better than member 1's first
      shares.proposed(1);
      shares.ended(1, loss -= 0.1); // always a new best
    }
    int[] next = shares.allot(10, new int[] {ANY, ANY});
    assertTrue(next[1] > next[0], java.util.Arrays.toString(next));
    shares.ended(0, Double.NaN); // a failed trial rewards nobody
    assertArrayEquals(new long[] {40, 40}, shares.proposals());
  }
}
