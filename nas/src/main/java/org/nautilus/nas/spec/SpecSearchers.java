package org.nautilus.nas.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.Strategies;
import org.nautilus.nas.search.bayes.GpBayesConfig;
import org.nautilus.nas.search.bayes.GpBayesSearcher;
import org.nautilus.nas.search.evolution.EvolutionConfig;
import org.nautilus.nas.search.evolution.RegularizedEvolutionSearcher;
import org.nautilus.nas.search.grid.GridConfig;
import org.nautilus.nas.search.grid.GridSearcher;
import org.nautilus.nas.search.portfolio.PortfolioSearcher;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.search.reinforce.ReinforceConfig;
import org.nautilus.nas.search.reinforce.ReinforceSearcher;
import org.nautilus.nas.space.SearchSpace;

/**
 * Builds the searcher a spec's {@code strategy} section names, with its {@code settings}:
 * <ul>
 *   <li>{@code random}: {@code deduplicate} (default true);
 *   <li>{@code grid}: {@code limit}, {@code shuffle};
 *   <li>{@code evolution}: {@code population}, {@code tournament}, {@code mutation_retries};
 *   <li>{@code reinforce}: {@code learning_rate}, {@code baseline_decay}, {@code entropy};
 *   <li>{@code portfolio}: {@code members} (strategy names, each with its defaults), {@code weights}
 *       (one per member, default equal), {@code policy} ({@code weights} or {@code bandit}, default
 *       {@code weights});
 *   <li>{@code gp}: {@code initial_design}, {@code design} ({@code sobol}, {@code random}),
 *       {@code encoding} ({@code categorical}, {@code one_hot}, {@code path}), {@code pending}
 *       ({@code kriging_believer}, {@code constant_liar}), {@code acquisition} ({@code log_ei},
 *       {@code ei}, {@code pi}, {@code ucb});
 *   <li>any other strategy: its defaults, and no settings.
 * </ul>
 * A setting that the strategy does not know is an error, so a typo is never silently ignored.
 */
public final class SpecSearchers {
  private SpecSearchers() {}

  /**
   * A fresh searcher for {@code strategy} over {@code space}.
   *
   * @param file the spec's name, for error messages
   * @throws SpecException naming {@code strategy.settings.KEY} if a setting is unknown or invalid
   */
  public static Searcher create(String file, SearchSpec.StrategySpec strategy, SearchSpace<?> space,
      Direction direction, long seed) throws SpecException {
    Settings s = strategy.settings();
    try {
      switch (strategy.name()) {
        case "random" -> {
          allow(file, s, "deduplicate");
          return s.flag("deduplicate").orElse(true) ? RandomSearcher.of(space, seed)
              : RandomSearcher.withRepeats(space, seed);
        }
        case "grid" -> {
          allow(file, s, "limit", "shuffle");
          GridConfig d = GridConfig.defaults();
          return GridSearcher.of(space,
              new GridConfig(s.integer("limit").orElse(d.limit()), s.flag("shuffle").orElse(d.shuffle())), seed);
        }
        case "evolution" -> {
          allow(file, s, "population", "tournament", "mutation_retries");
          EvolutionConfig d = EvolutionConfig.defaults();
          EvolutionConfig config = new EvolutionConfig(
              (int) s.integer("population").orElse(d.population()),
              (int) s.integer("tournament").orElse(d.sample()),
              (int) s.integer("mutation_retries").orElse(d.mutationRetries()), d.prunedJoinPopulation());
          return RegularizedEvolutionSearcher.of(space, config, direction, seed);
        }
        case "reinforce" -> {
          allow(file, s, "learning_rate", "baseline_decay", "entropy");
          ReinforceConfig d = ReinforceConfig.defaults();
          ReinforceConfig config = new ReinforceConfig(
              s.number("learning_rate").orElse(d.learningRate()),
              s.number("baseline_decay").orElse(d.baselineDecay()),
              s.number("entropy").orElse(d.entropyCoefficient()), d.normalizeAdvantage(), d.resampleRetries());
          return ReinforceSearcher.of(space, config, direction, seed);
        }
        case "gp" -> {
          allow(file, s, "initial_design", "design", "encoding", "pending", "acquisition", "trust_region");
          GpBayesConfig config = GpBayesConfig.defaults();
          if (space.asCategorical().isEmpty()) {
            config = config.withEncoding(GpBayesConfig.Encoding.ONE_HOT); // as Strategies does: continuous dimensions
          }
          int initial = (int) s.integer("initial_design").orElse(config.initialDesign());
          config = config.withDesign(choice(file, s, "design", GpBayesConfig.Design.class, config.design()), initial)
              .withEncoding(choice(file, s, "encoding", GpBayesConfig.Encoding.class, config.encoding()))
              .withPending(choice(file, s, "pending", GpBayesConfig.Pending.class, config.pending()))
              .withAcquisition(choice(file, s, "acquisition", GpBayesConfig.AcquisitionKind.class, config.acquisition()))
              .withTrustRegion(trustRegion(file, s.get("trust_region"), config.trustRegion()));
          return GpBayesSearcher.of(space, config, direction, seed);
        }
        case "portfolio" -> {
          allow(file, s, "members", "weights", "policy");
          return portfolio(file, s, space, direction, seed);
        }
        default -> {
          allow(file, s);
          return Strategies.create(strategy.name(), space, seed, direction);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new SpecException(file, 0, "strategy." + strategy.name() + ": " + e.getMessage());
    }
  }

  private static Searcher portfolio(String file, Settings s, SearchSpace<?> space, Direction direction, long seed)
      throws SpecException {
    List<?> names = s.get("members").filter(List.class::isInstance).map(List.class::cast)
        .orElseThrow(() -> new SpecException(file, 0, "strategy.settings.members must list the portfolio's strategies, "
            + "e.g. [evolution, reinforce]"));
    List<?> weights = s.get("weights").filter(List.class::isInstance).map(List.class::cast).orElse(List.of());
    if (!weights.isEmpty() && weights.size() != names.size()) {
      throw new SpecException(file, 0, "strategy.settings.weights must have one weight per member (" + names.size()
          + "), got " + weights.size());
    }
    List<PortfolioSearcher.Member> members = new java.util.ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = String.valueOf(names.get(i));
      if (name.equals("portfolio")) {
        throw new SpecException(file, 0, "strategy.settings.members cannot hold a portfolio");
      }
      double weight = weights.isEmpty() ? 1 : weights.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
      // Each member draws from its own seed, so adding a member does not change the others' proposals.
      Searcher member = create(file, new SearchSpec.StrategySpec(name, Settings.EMPTY), space, direction,
          seed + 0x9e3779b97f4a7c15L * (i + 1));
      members.add(new PortfolioSearcher.Member(name, member, weight));
    }
    String policy = s.string("policy").orElse("weights");
    if (!policy.equals("weights") && !policy.equals("bandit")) {
      throw new SpecException(file, 0, "strategy.settings.policy must be weights or bandit, got '" + policy + "'");
    }
    return PortfolioSearcher.of(space, members, PortfolioSearcher.Policy.valueOf(policy.toUpperCase(Locale.ROOT)),
        direction);
  }

  /**
   * The GP's trust region: absent for the default, {@code true}/{@code false} to switch it on or off,
   * or a map overriding some of its settings (it is then on).
   */
  private static GpBayesConfig.TrustRegion trustRegion(String file, Optional<Object> value,
      GpBayesConfig.TrustRegion defaults) throws SpecException {
    if (value.isEmpty()) {
      return defaults;
    }
    if (value.get() instanceof Boolean on) {
      return on ? GpBayesConfig.TrustRegion.defaults() : GpBayesConfig.TrustRegion.off();
    }
    if (!(value.get() instanceof java.util.Map<?, ?> map)) {
      throw new SpecException(file, 0, "strategy.settings.trust_region must be true, false or a map of its settings, "
          + "got '" + value.get() + "'");
    }
    java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> values.put(String.valueOf(k), v));
    Settings t = new Settings(values);
    allowKeys(file, t, "strategy.settings.trust_region.", "a trust-region setting", "initial_length", "min_length",
        "max_length", "successes", "failures", "candidates", "perturbed", "additive", "ucb_beta");
    GpBayesConfig.TrustRegion d = GpBayesConfig.TrustRegion.defaults();
    try {
      // ucb_beta: a number, or `none` for the strategy's own acquisition (TuRBO-1 with additive: false)
      OptionalDouble ucbBeta = "none".equals(t.get("ucb_beta").orElse(null)) ? OptionalDouble.empty()
          : t.number("ucb_beta").isPresent() ? t.number("ucb_beta") : d.ucbBeta();
      return new GpBayesConfig.TrustRegion(true, t.number("initial_length").orElse(d.initialLength()),
          t.number("min_length").orElse(d.minLength()), t.number("max_length").orElse(d.maxLength()),
          Math.toIntExact(t.integer("successes").orElse(d.successes())),
          Math.toIntExact(t.integer("failures").orElse(d.failures())),
          Math.toIntExact(t.integer("candidates").orElse(d.candidates())), t.number("perturbed").orElse(d.perturbed()),
          t.flag("additive").orElse(d.additive()), ucbBeta);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new SpecException(file, 0, "strategy.settings.trust_region: " + e.getMessage());
    }
  }

  /** An enum setting written in lower case, e.g. {@code constant_liar} for {@code CONSTANT_LIAR}. */
  private static <E extends Enum<E>> E choice(String file, Settings s, String key, Class<E> type, E defaultValue)
      throws SpecException {
    Optional<String> value = s.string(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value.get())) {
        return e;
      }
    }
    throw new SpecException(file, 0, "strategy.settings." + key + " must be one of " + java.util.Arrays
        .stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(java.util.stream.Collectors.joining(", ")) + ", got '" + value.get() + "'");
  }

  private static void allow(String file, Settings settings, String... keys) throws SpecException {
    allowKeys(file, settings, "strategy.settings.", "a setting of this strategy", keys);
  }

  /** Refuses the first key of {@code settings} not in {@code keys}, naming it as {@code prefix + key}. */
  private static void allowKeys(String file, Settings settings, String prefix, String what, String... keys)
      throws SpecException {
    Set<String> unknown = new TreeSet<>(settings.values().keySet());
    unknown.removeAll(List.of(keys));
    if (!unknown.isEmpty()) {
      throw new SpecException(file, 0, prefix + unknown.iterator().next() + " is not " + what
          + (keys.length == 0 ? " (it takes none)" : ", expected one of " + String.join(", ", keys)));
    }
  }
}
