package org.nautilus.nas.search;

import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.SearchSpace;

/** A finite test space of {@code n} candidates named {@code c0 .. c(n-1)}. */
public record SmallSpace(int n) implements SearchSpace<SmallSpace.Point> {
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
}
