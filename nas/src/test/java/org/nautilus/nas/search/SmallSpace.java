package org.nautilus.nas.search;

import java.util.List;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CategoricalSpace;

/** A finite test space of {@code n} candidates named {@code c0 .. c(n-1)}. */
public record SmallSpace(int n) implements CategoricalSpace<SmallSpace.Point> {
  /** One candidate of the small space. */
  public record Point(int index) implements Candidate {
    @Override
    public String canonical() {
      return "c" + index;
    }
  }

  public static SmallSpace of(int n) {
    return new SmallSpace(n);
  }

  @Override
  public String name() {
    return "small-" + n;
  }

  @Override
  public long size() {
    return n;
  }

  @Override
  public Point sample(SearchRandom random) {
    return new Point(random.nextInt(n));
  }

  @Override
  public Point parse(String canonical) {
    if (!canonical.matches("c\\d+") || Integer.parseInt(canonical.substring(1)) >= n) {
      throw new IllegalArgumentException("'" + canonical + "' is not a candidate of " + name());
    }
    return new Point(Integer.parseInt(canonical.substring(1)));
  }

  @Override
  public int[] cardinalities() {
    return new int[] {n};
  }

  @Override
  public List<String> decisionNames() {
    return List.of("index");
  }

  @Override
  public int[] decisions(Point candidate) {
    return new int[] {candidate.index()};
  }

  @Override
  public Point fromDecisions(int[] decisions) {
    if (decisions.length != 1 || decisions[0] < 0 || decisions[0] >= n) {
      throw new IllegalArgumentException("decision out of range for " + name());
    }
    return new Point(decisions[0]);
  }
}
