package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.nautilus.nas.search.SearchRandom;

/**
 * A space of hyperparameter {@link Configuration}s over a list of {@link Dimension}s, some of them
 * conditional on an earlier categorical dimension.
 *
 * <p><b>Sampling</b> walks the dimensions in declaration order and draws each active one independently
 * (uniform, or log-uniform on a log scale); with conditional dimensions this is not uniform over
 * configurations. <b>Mutation</b> changes one active dimension that has more than one value, chosen
 * uniformly: a category moves to another value chosen uniformly; a numeric dimension moves to
 * {@code fromScaled(scaled(v) + 0.2 * N(0, 1))}, clipped to [0, 1] (a discrete one moves at least one
 * grid step, towards the sign of the draw, or the other way at an end). Dimensions that become active
 * are sampled; those that become inactive are dropped.
 *
 * <p><b>Neighbours</b> (all single changes, finite): for each active dimension in declaration order,
 * every other value of a finite dimension in index order, and for a continuous one the values at scaled
 * offsets {@link #NEIGHBOUR_STEPS} (clipped, duplicates dropped). A dimension that becomes active takes
 * its first value ({@code valueAt(0)}) or, if continuous, the middle of its scaled range.
 *
 * <p><b>Finite spaces</b> (every dimension categorical, integer or stepped) count their configurations
 * exactly (inactive dimensions do not multiply) and are a {@link CategoricalSpace} through
 * {@link #asCategorical()}: one decision per dimension, the value's index; an inactive dimension's
 * decision is 0 and ignored by {@code fromDecisions}.
 */
public final class HyperparameterSpace implements SearchSpace<Configuration> {
  /** Standard deviation of a mutation's Gaussian step, in scaled [0, 1] units. */
  public static final double MUTATION_SIGMA = 0.2;
  /** Scaled offsets of a continuous dimension's neighbours. */
  public static final List<Double> NEIGHBOUR_STEPS = List.of(-0.2, -0.05, 0.05, 0.2);

  private final List<Dimension> dimensions;
  private final Map<String, Integer> positions = new TreeMap<>();
  private final Set<String> parents = new TreeSet<>();

  private HyperparameterSpace(List<Dimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
    for (int i = 0; i < this.dimensions.size(); i++) {
      Dimension d = this.dimensions.get(i);
      if (positions.containsKey(d.name())) {
        throw new IllegalArgumentException("hyperparameter '" + d.name() + "' is declared twice");
      }
      if (d.condition().isPresent()) {
        Condition c = d.condition().get();
        Integer parent = positions.get(c.parent());
        if (parent == null) {
          throw new IllegalArgumentException(d.name() + " depends on '" + c.parent()
              + "', which must be a categorical hyperparameter declared before it");
        }
        if (!(this.dimensions.get(parent) instanceof CategoricalDimension p)) {
          throw new IllegalArgumentException(d.name() + " depends on '" + c.parent() + "', which is not categorical");
        }
        for (String v : c.values()) {
          if (!p.values().contains(v)) {
            throw new IllegalArgumentException(d.name() + " depends on " + c.parent() + " = '" + v
                + "', which is not one of " + String.join(", ", p.values()));
          }
        }
        parents.add(c.parent());
      }
      positions.put(d.name(), i);
    }
  }

  /** The space over these dimensions; a conditional dimension's parent must come before it. */
  public static HyperparameterSpace of(List<Dimension> dimensions) {
    return new HyperparameterSpace(dimensions);
  }

  /** The space over these dimensions. */
  public static HyperparameterSpace of(Dimension... dimensions) {
    return new HyperparameterSpace(List.of(dimensions));
  }

  /** The dimensions, in declaration order. */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** The dimension called {@code name}. */
  public Optional<Dimension> dimension(String name) {
    Integer i = positions.get(name);
    return i == null ? Optional.empty() : Optional.of(dimensions.get(i));
  }

  /** Whether {@code dimension} is active given the values of the dimensions before it. */
  public static boolean isActive(Dimension dimension, Map<String, ParamValue> values) {
    if (dimension.condition().isEmpty()) {
      return true;
    }
    Condition c = dimension.condition().get();
    ParamValue parent = values.get(c.parent());
    return parent != null && c.values().contains(parent.text());
  }

  @Override
  public String name() {
    return "hyperparameters";
  }

  /** Number of configurations, {@link Long#MAX_VALUE} if infinite or too many. */
  @Override
  public long size() {
    return finiteSize().orElse(Long.MAX_VALUE);
  }

  /** Exact number of configurations when every dimension is discrete; empty otherwise or on overflow. */
  @Override
  public OptionalLong finiteSize() {
    for (Dimension d : dimensions) {
      if (d.cardinality().isEmpty()) {
        return OptionalLong.empty();
      }
    }
    long count = count(0, new TreeMap<>());
    return count == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(count);
  }

  private long count(int from, Map<String, ParamValue> values) {
    if (from == dimensions.size()) {
      return 1;
    }
    Dimension d = dimensions.get(from);
    if (!isActive(d, values)) {
      return count(from + 1, values);
    }
    long n = d.cardinality().getAsLong();
    if (!parents.contains(d.name())) {
      return OpSets.saturatedMultiply(n, count(from + 1, values));
    }
    long total = 0;
    for (long i = 0; i < n; i++) {
      values.put(d.name(), d.valueAt(i));
      long part = count(from + 1, values);
      total = part >= Long.MAX_VALUE - total ? Long.MAX_VALUE : total + part;
    }
    values.remove(d.name());
    return total;
  }

  @Override
  public Configuration sample(SearchRandom random) {
    return complete(Map.of(), d -> d.sample(random));
  }

  /** Keeps the active dimensions' values from {@code values}, fills the missing active ones, drops the rest. */
  private Configuration complete(Map<String, ParamValue> values, Function<Dimension, ParamValue> fill) {
    TreeMap<String, ParamValue> out = new TreeMap<>();
    for (Dimension d : dimensions) {
      if (isActive(d, out)) {
        ParamValue v = values.get(d.name());
        out.put(d.name(), v != null ? v : fill.apply(d));
      }
    }
    return new Configuration(out);
  }

  /** Parses {@code name=value;...}; the message names the hyperparameter and what was expected. */
  @Override
  public Configuration parse(String canonical) {
    TreeMap<String, String> texts = new TreeMap<>();
    if (canonical != null && !canonical.isEmpty()) {
      for (String pair : canonical.split(";", -1)) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("a hyperparameter must be 'name=value', got '" + pair + "'");
        }
        String name = pair.substring(0, eq);
        if (!positions.containsKey(name)) {
          throw new IllegalArgumentException("unknown hyperparameter '" + name + "', expected one of "
              + String.join(", ", positions.keySet()));
        }
        if (texts.put(name, pair.substring(eq + 1)) != null) {
          throw new IllegalArgumentException("hyperparameter '" + name + "' is given twice");
        }
      }
    }
    TreeMap<String, ParamValue> values = new TreeMap<>();
    for (Dimension d : dimensions) {
      String text = texts.get(d.name());
      if (isActive(d, values)) {
        if (text == null) {
          throw new IllegalArgumentException("missing hyperparameter '" + d.name() + "'");
        }
        values.put(d.name(), d.parse(text));
      } else if (text != null) {
        throw new IllegalArgumentException("hyperparameter '" + d.name() + "' is inactive here (it needs "
            + d.condition().orElseThrow() + ")");
      }
    }
    return new Configuration(values);
  }

  /** Active dimensions of {@code c} with more than one value, in declaration order. */
  public List<Dimension> mutable(Configuration c) {
    List<Dimension> out = new ArrayList<>();
    for (Dimension d : dimensions) {
      if (c.values().containsKey(d.name()) && d.cardinality().orElse(2) > 1) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public Configuration mutate(Configuration candidate, SearchRandom random) {
    List<Dimension> open = mutable(candidate);
    if (open.isEmpty()) {
      throw new IllegalStateException("no hyperparameter of " + candidate.canonical() + " can change");
    }
    Dimension d = open.get(random.nextInt(open.size()));
    ParamValue current = candidate.values().get(d.name());
    ParamValue next;
    if (d instanceof CategoricalDimension c) {
      int i = (int) c.indexOf(current);
      int j = random.nextInt(c.values().size() - 1);
      next = c.valueAt(j >= i ? j + 1 : j);
    } else if (d.cardinality().isPresent()) {
      long n = d.cardinality().getAsLong();
      long i = d.indexOf(current);
      double g = Gaussian.next(random);
      long j = d.indexOf(d.fromScaled(d.scaled(current) + MUTATION_SIGMA * g));
      if (j == i) {
        j = g >= 0 ? (i + 1 < n ? i + 1 : i - 1) : (i > 0 ? i - 1 : i + 1);
      }
      next = d.valueAt(j);
    } else {
      next = current;
      for (int tries = 0; tries < 16 && next.equals(current); tries++) {
        next = d.fromScaled(d.scaled(current) + MUTATION_SIGMA * Gaussian.next(random));
      }
      while (next.equals(current)) {
        next = d.fromScaled(random.nextDouble());
      }
    }
    TreeMap<String, ParamValue> values = new TreeMap<>(candidate.values());
    values.put(d.name(), next);
    return complete(values, x -> x.sample(random));
  }

  @Override
  public List<Configuration> neighbours(Configuration candidate) {
    LinkedHashSet<Configuration> out = new LinkedHashSet<>();
    for (Dimension d : dimensions) {
      ParamValue current = candidate.values().get(d.name());
      if (current == null) {
        continue;
      }
      List<ParamValue> others = new ArrayList<>();
      if (d.cardinality().isPresent()) {
        for (long i = 0; i < d.cardinality().getAsLong(); i++) {
          others.add(d.valueAt(i));
        }
      } else {
        for (double step : NEIGHBOUR_STEPS) {
          others.add(d.fromScaled(d.scaled(current) + step));
        }
      }
      for (ParamValue v : others) {
        if (!v.equals(current)) {
          TreeMap<String, ParamValue> values = new TreeMap<>(candidate.values());
          values.put(d.name(), v);
          out.add(complete(values, HyperparameterSpace::firstValue));
        }
      }
    }
    return List.copyOf(out);
  }

  private static ParamValue firstValue(Dimension d) {
    return d.cardinality().isPresent() ? d.valueAt(0) : d.fromScaled(0.5);
  }

  /** The grid view when every dimension is discrete with at most 2^31 - 1 values; empty otherwise. */
  @Override
  public Optional<CategoricalSpace<Configuration>> asCategorical() {
    for (Dimension d : dimensions) {
      if (d.cardinality().isEmpty() || d.cardinality().getAsLong() > Integer.MAX_VALUE) {
        return Optional.empty();
      }
    }
    return Optional.of(new Grid());
  }

  @Override
  public String toString() {
    return "HyperparameterSpace" + dimensions;
  }

  /** The finite space as decisions (one per dimension). */
  private final class Grid implements CategoricalSpace<Configuration> {
    private final int[] sizes = dimensions.stream().mapToInt(d -> (int) d.cardinality().getAsLong()).toArray();
    private final List<String> names = dimensions.stream().map(Dimension::name).toList();

    @Override
    public String name() {
      return HyperparameterSpace.this.name();
    }

    @Override
    public long size() {
      return HyperparameterSpace.this.size();
    }

    @Override
    public OptionalLong finiteSize() {
      return HyperparameterSpace.this.finiteSize();
    }

    @Override
    public Configuration sample(SearchRandom random) {
      return HyperparameterSpace.this.sample(random);
    }

    @Override
    public Configuration parse(String canonical) {
      return HyperparameterSpace.this.parse(canonical);
    }

    @Override
    public Configuration mutate(Configuration candidate, SearchRandom random) {
      return HyperparameterSpace.this.mutate(candidate, random);
    }

    @Override
    public List<Configuration> neighbours(Configuration candidate) {
      return HyperparameterSpace.this.neighbours(candidate);
    }

    @Override
    public int[] cardinalities() {
      return sizes.clone();
    }

    @Override
    public List<String> decisionNames() {
      return names;
    }

    @Override
    public int[] decisions(Configuration candidate) {
      int[] out = new int[sizes.length];
      for (int i = 0; i < out.length; i++) {
        ParamValue v = candidate.values().get(names.get(i));
        out[i] = v == null ? 0 : (int) dimensions.get(i).indexOf(v);
      }
      return out;
    }

    @Override
    public Configuration fromDecisions(int[] decisions) {
      if (decisions.length != sizes.length) {
        throw new IllegalArgumentException("this space has " + sizes.length + " decisions, got " + decisions.length);
      }
      TreeMap<String, ParamValue> values = new TreeMap<>();
      for (int i = 0; i < sizes.length; i++) {
        if (decisions[i] < 0 || decisions[i] >= sizes[i]) {
          throw new IllegalArgumentException(names.get(i) + " must be in 0.." + (sizes[i] - 1) + ", got "
              + decisions[i]);
        }
        if (isActive(dimensions.get(i), values)) {
          values.put(names.get(i), dimensions.get(i).valueAt(decisions[i]));
        }
      }
      return new Configuration(values);
    }

    /** Each configuration once: odometer over the active decisions only, inactive ones held at 0. */
    @Override
    public Iterator<Configuration> enumerate() {
      return new Iterator<>() {
        private int[] next = new int[sizes.length];

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Configuration next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          Configuration out = fromDecisions(next);
          int d = sizes.length - 1;
          while (d >= 0 && (!out.values().containsKey(names.get(d)) || next[d] + 1 == sizes[d])) {
            next[d--] = 0;
          }
          if (d < 0) {
            next = null;
          } else {
            next[d]++;
          }
          return out;
        }
      };
    }
  }
}
