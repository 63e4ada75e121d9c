package org.nautilus.nas.search.grid;

import java.util.List;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CategoricalSpace;

/** Test space: three hyperparameters of five values each, 125 points named like {@code a1-b0-c4}. */
record Cube() implements CategoricalSpace<Cube.Point> {
  record Point(int a, int b, int c) implements Candidate {
    @Override
    public String canonical() {
      return "a" + a + "-b" + b + "-c" + c;
    }
  }

  @Override
  public String name() {
    return "cube";
  }

  @Override
  public long size() {
    return 125;
  }

  @Override
  public Point sample(SearchRandom random) {
    return new Point(random.nextInt(5), random.nextInt(5), random.nextInt(5));
  }

  @Override
  public Point parse(String canonical) {
    if (!canonical.matches("a[0-4]-b[0-4]-c[0-4]")) {
      throw new IllegalArgumentException("'" + canonical + "' is not a point of the cube");
    }
    return new Point(canonical.charAt(1) - '0', canonical.charAt(4) - '0', canonical.charAt(7) - '0');
  }

  @Override
  public int[] cardinalities() {
    return new int[] {5, 5, 5};
  }

  @Override
  public List<String> decisionNames() {
    return List.of("a", "b", "c");
  }

  @Override
  public int[] decisions(Point p) {
    return new int[] {p.a(), p.b(), p.c()};
  }

  @Override
  public Point fromDecisions(int[] d) {
    return parse("a" + d[0] + "-b" + d[1] + "-c" + d[2]);
  }
}
