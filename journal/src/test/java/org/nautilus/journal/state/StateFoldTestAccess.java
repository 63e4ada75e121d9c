package org.nautilus.journal.state;

/** Lets tests of other packages compare states as {@link StateFoldTest} does. */
public final class StateFoldTestAccess {
  private StateFoldTestAccess() {}

  public static void assertSameState(SearchState expected, SearchState actual) {
    StateFoldTest.assertSameState(expected, actual);
  }
}
