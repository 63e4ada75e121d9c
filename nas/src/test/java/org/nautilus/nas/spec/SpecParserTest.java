package org.nautilus.nas.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.space.CategoricalSpace;
import org.nautilus.nas.space.DartsOp;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.JointSpace;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

class SpecParserTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  /** A valid spec; each malformed case changes one thing in it. */
  private static final String BASE = """
      space:
        cell: nb201
        hyperparameters:
          learning_rate: {type: float, low: 0.001, high: 1, scale: log}
      strategy:
        name: evolution
      objective:
        metric: acc
        direction: maximize
      budget:
        trials: 10
      trainer:
        kind: tabular
      """;

  @TempDir
  Path dir;

  private static String with(String from, String to) {
    if (!BASE.contains(from)) {
      throw new IllegalArgumentException("base spec has no '" + from + "'");
    }
    return BASE.replace(from, to);
  }

  private static final String LR = "    learning_rate: {type: float, low: 0.001, high: 1, scale: log}\n";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("spec.yaml", with("low: 0.001", "low: -0.1"),
            "4: space.hyperparameters.learning_rate.low must be > 0 for log scale, got -0.1"),
        Arguments.of("spec.yaml", with("high: 1,", "high: 0.0001,"),
            "4: space.hyperparameters.learning_rate.high must be > low (0.001), got 0.0001"),
        Arguments.of("spec.yaml", with("  name: evolution", "  nmae: evolution"),
            "6: strategy.nmae is not a known key, did you mean 'name'? (expected one of name, settings)"),
        Arguments.of("spec.yaml", with("objective:", "objectives:"),
            "7: objectives is not a known key, did you mean 'objective'? (expected one of space, strategy, "
                + "objective, budget, trainer, data, seed)"),
        Arguments.of("spec.yaml", with("name: evolution", "name: evolve"),
            "6: strategy.name must be one of random, grid, evolution, reinforce, gp, portfolio, got 'evolve'"),
        Arguments.of("spec.yaml", with("direction: maximize", "direction: max"),
            "9: objective.direction must be one of maximize, minimize, got 'max'"),
        Arguments.of("spec.yaml", with("  metric: acc\n", ""), "7: objective.metric is required, got none"),
        Arguments.of("spec.yaml", with("trainer:\n  kind: tabular\n", ""), "1: trainer is required, got none"),
        Arguments.of("spec.yaml", with("trials: 10", "trials: 0"), "11: budget.trials must be >= 1, got 0"),
        Arguments.of("spec.yaml", with("trials: 10", "trials: ten"),
            "11: budget.trials must be an integer, got 'ten'"),
        Arguments.of("spec.yaml", with("trials: 10", "target: 0.9"),
            "10: budget needs at least one of trials, wall_time, cost, got none"),
        Arguments.of("spec.yaml", with("trials: 10", "wall_time: 3 weeks"),
            "11: budget.wall_time must be seconds or a duration like 90s, 30m, 12h, 2d, got '3 weeks'"),
        Arguments.of("spec.yaml", with("cell: nb201", "cell: nb101"),
            "2: space.cell must be one of nb201, darts, got 'nb101'"),
        Arguments.of("spec.yaml", with("cell: nb201", "cell: {kind: nb201, ops: [none, conv_3x3]}"),
            "2: space.cell.ops[1] must be one of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3, "
                + "got 'conv_3x3'"),
        Arguments.of("spec.yaml", with("cell: nb201", "cell: {kind: nb201, ops: [none, none]}"),
            "2: space.cell.ops[1] must not repeat an op, got 'none' twice"),
        Arguments.of("spec.yaml", with("cell: nb201", "cell: {kind: nb201, nodes: 3}"),
            "2: space.cell.nodes is only allowed for darts cells, got 3"),
        Arguments.of("spec.yaml", with("cell: nb201", "cell: {kind: darts, nodes: 0}"),
            "2: space.cell.nodes must be in 1..32, got 0"),
        Arguments.of("spec.yaml", with("type: float", "type: double"),
            "4: space.hyperparameters.learning_rate.type must be one of float, int, categorical, got 'double'"),
        Arguments.of("spec.yaml", with("scale: log}", "scale: log, step: 0.1}"),
            "4: space.hyperparameters.learning_rate.step is only allowed with linear scale, got 0.1"),
        Arguments.of("spec.yaml", with(LR, "    lrate: builtin\n"),
            "4: space.hyperparameters.lrate is not a built-in hyperparameter, did you mean 'learning_rate'? "
                + "(built-in: learning_rate, batch_size, epochs, optimizer, momentum, beta1, beta2, epsilon, "
                + "weight_decay, l1, l2, dropout, activation, lr_schedule, channels, cells_per_stage)"),
        Arguments.of("spec.yaml", with(LR, LR + "    momentum: {type: float, low: 0, high: 0.9, when: {optimizer: [momentum]}}\n"),
            "5: space.hyperparameters.momentum.when.optimizer must be a categorical hyperparameter declared before "
                + "momentum, got none"),
        Arguments.of("spec.yaml", with(LR, LR + "    optimizer: {type: categorical, values: [sgd, momentum]}\n"
                + "    momentum: {type: float, low: 0, high: 0.9, when: {optimizer: [nesterov]}}\n"),
            "6: space.hyperparameters.momentum.when.optimizer must be one of sgd, momentum, got 'nesterov'"),
        Arguments.of("spec.yaml", with(LR, LR + "    momentum: builtin\n"),
            "5: space.hyperparameters.momentum is active only for optimizer in [momentum, nesterov, rmsprop], "
                + "so it needs the categorical 'optimizer' declared before it, got none"),
        Arguments.of("spec.yaml", with(LR, LR + "    opt: {type: categorical, values: []}\n"),
            "5: space.hyperparameters.opt.values must list at least one value, got an empty list"),
        Arguments.of("spec.yaml", with(LR, LR + "    opt: {type: categorical, values: [a, a]}\n"),
            "5: space.hyperparameters.opt.values[1] must not repeat a value, got 'a' twice"),
        Arguments.of("spec.yaml", with("name: evolution", "name: grid"),
            "6: strategy.name grid needs a finite space, but space.hyperparameters.learning_rate is a float "
                + "without step, got 'grid'"),
        Arguments.of("spec.yaml", with("  name: evolution\n", "  name: evolution\n  name: random\n"),
            "7: key 'name' is given twice (first on line 6)"),
        Arguments.of("spec.yaml", with("  name: evolution", "  name: - x"),
            "6: malformed YAML: sequence entries are not allowed here"),
        Arguments.of("spec.yaml", with("  name: evolution", "  name: evolution\n  settings: {population: }"),
            "7: strategy.settings.population must have a value, got nothing"),
        Arguments.of("spec.yaml", with("kind: tabular", "kind: pytorch"),
            "13: trainer.kind must be one of samediff, mlp, rnn, process, tabular, function, got 'pytorch'"),
        Arguments.of("spec.yaml", with("  cell: nb201\n  hyperparameters:\n" + LR, "  {}\n"),
            "1: space needs a cell, hyperparameters or both, got neither"),
        Arguments.of("spec.yaml", "- space\n- strategy\n", "1: spec must be a mapping, got a list"),
        Arguments.of("spec.yaml", "", "1: the spec is empty"),
        Arguments.of("spec.json", "{\"space\": }",
            "1: malformed JSON: Unexpected character ('}' (code 125)): expected a value"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("malformed")
  void malformedSpecsGiveOneExactLine(String name, String content, String expected) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file));
    assertEquals(file + ":" + expected, e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void atLeastTwentyMalformedCases() {
    assertTrue(malformed().count() >= 20);
  }

  @Test
  void theBaseSpecIsValid() throws SpecException {
    SearchSpec spec = SpecParser.parse("base.yaml", BASE);
    assertEquals("evolution", spec.strategy().name());
    assertTrue(spec.space().toSearchSpace() instanceof JointSpace<?>);
  }

  @Test
  void extraOpsExtendTheCellSpace() throws SpecException {
    SearchSpec spec = SpecParser.parse("spec.yaml", with("cell: nb201",
        "cell: {kind: nb201, ops: [none, skip_connect, nor_conv_3x3, my_op], extra_ops: [my_op, other_op]}"));
    Nb201Space nb201 = (Nb201Space) spec.space().cell().orElseThrow().toSearchSpace();
    assertEquals(List.of("none", "skip_connect", "nor_conv_3x3", "my_op", "other_op"),
        nb201.ops().stream().map(org.nautilus.nas.space.Nb201Op::label).toList());
    assertEquals(15_625, nb201.size());
    String text = "|my_op~0|+|other_op~0|none~1|+|none~0|none~1|skip_connect~2|";
    assertEquals(text, nb201.parse(text).canonical());

    SearchSpec all = SpecParser.parse("spec.yaml", with("cell: nb201", "cell: {kind: nb201, extra_ops: [my_op]}"));
    assertEquals(6L * 6 * 6 * 6 * 6 * 6, all.space().cell().orElseThrow().toSearchSpace().size());

    SearchSpec darts = SpecParser.parse("spec.yaml", with("cell: nb201",
        "cell: {kind: darts, nodes: 1, ops: [none], extra_ops: [my_op]}"));
    org.nautilus.nas.space.DartsSpace space =
        (org.nautilus.nas.space.DartsSpace) darts.space().cell().orElseThrow().toSearchSpace();
    assertEquals(List.of(DartsOp.NONE, DartsOp.custom("my_op")), space.ops());
  }

  @Test
  void anUnknownOpIsStillAnErrorWithoutExtraOps() {
    SpecException typo = assertThrows(SpecException.class, () -> SpecParser.parse("spec.yaml",
        with("cell: nb201", "cell: {kind: nb201, ops: [none, my_op]}")));
    assertTrue(typo.getMessage().contains("space.cell.ops[1] must be one of none, skip_connect"), typo.getMessage());
    SpecException builtIn = assertThrows(SpecException.class, () -> SpecParser.parse("spec.yaml",
        with("cell: nb201", "cell: {kind: nb201, extra_ops: [none]}")));
    assertTrue(builtIn.getMessage().contains("'none' is a built-in op; list it under ops"), builtIn.getMessage());
    SpecException invalid = assertThrows(SpecException.class, () -> SpecParser.parse("spec.yaml",
        with("cell: nb201", "cell: {kind: darts, extra_ops: [My-Op]}")));
    assertTrue(invalid.getMessage().contains("space.cell.extra_ops[0] must be an op name matching [a-z][a-z0-9_]*"),
        invalid.getMessage());
    SpecException twice = assertThrows(SpecException.class, () -> SpecParser.parse("spec.yaml",
        with("cell: nb201", "cell: {kind: nb201, extra_ops: [my_op, my_op]}")));
    assertTrue(twice.getMessage().contains("must not repeat an op"), twice.getMessage());
  }

  @Test
  void anUnknownExtensionIsRefused() {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("spec.toml", BASE));
    assertEquals("spec.toml: a spec file must end in .yaml, .yml or .json", e.getMessage());
  }

  @Test
  void everyStrategyHasAnExampleThatParses() throws IOException, SpecException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(EXAMPLES)) {
      files = listing.filter(p -> p.toString().matches(".*\\.(yaml|yml|json)")).sorted().toList();
    }
    List<String> strategies = new java.util.ArrayList<>();
    for (Path file : files) {
      SearchSpec spec = SpecParser.parse(file);
      strategies.add(spec.strategy().name());
      SearchSpace<?> space = spec.space().toSearchSpace();
      assertTrue(space.size() > 0, file.toString());
      // Every example's strategy settings are ones its searcher takes.
      assertTrue(SpecSearchers.create(file.toString(), spec.strategy(), space, spec.objective().direction(), 1)
          .ask(org.nautilus.nas.search.TrialId.of(1)).isPresent(), file.toString());
    }
    assertEquals(SearchSpec.STRATEGIES.stream().sorted().toList(), strategies.stream().distinct().sorted().toList());
  }

  @Test
  void examplesReadIntoTypedValues() throws SpecException {
    SearchSpec grid = SpecParser.parse(EXAMPLES.resolve("grid.yaml"));
    HyperparameterSpace hps = grid.space().hyperparameters();
    assertEquals(125, hps.size());
    CategoricalSpace<?> categorical = grid.space().toSearchSpace().asCategorical().orElseThrow();
    assertEquals(3, categorical.cardinalities().length);
    assertEquals(Direction.MINIMIZE, grid.objective().direction());

    SearchSpec random = SpecParser.parse(EXAMPLES.resolve("random.yaml"));
    assertEquals(Duration.ofHours(12), random.budget().wallTime().orElseThrow());
    assertEquals(42, random.seed().getAsLong());
    assertEquals(true, random.strategy().settings().flag("deduplicate").orElseThrow());
    assertEquals(0.1, random.data().orElseThrow().settings().number("validation").getAsDouble());
    assertEquals(List.of("momentum"),
        random.space().hyperparameters().dimension("momentum").orElseThrow().condition().orElseThrow().values());

    SearchSpec reinforce = SpecParser.parse(EXAMPLES.resolve("reinforce.yaml"));
    SearchSpec.DartsCellSpec darts = (SearchSpec.DartsCellSpec) reinforce.space().cell().orElseThrow();
    assertEquals(3, darts.nodes());
    assertEquals(List.of(DartsOp.SKIP_CONNECT, DartsOp.SEP_CONV_3X3, DartsOp.SEP_CONV_5X5, DartsOp.MAX_POOL_3X3),
        darts.ops());
    assertEquals(Duration.ofDays(2), reinforce.budget().wallTime().orElseThrow());

    SearchSpec evolution = SpecParser.parse(EXAMPLES.resolve("evolution.yaml"));
    assertTrue(evolution.space().toSearchSpace() instanceof Nb201Space);
    assertEquals(12000, evolution.budget().cost().getAsDouble());
    assertEquals(10, evolution.strategy().settings().integer("population").getAsLong());
    assertEquals(List.of("test_acc_200"), evolution.trainer().settings().get("report").orElseThrow());

    SearchSpec gp = SpecParser.parse(EXAMPLES.resolve("gp.json"));
    assertEquals(1e-5, ((org.nautilus.nas.space.FloatDimension) gp.space().hyperparameters()
        .dimension("learning_rate").orElseThrow()).low());
    assertEquals(Duration.ofHours(1), gp.budget().wallTime().orElseThrow());
  }

  @Test
  void strategySettingsAreCheckedAgainstTheStrategy() {
    SearchSpace<?> space = new Nb201Space();
    SpecException unknown = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("evolution", new Settings(java.util.Map.of("populaton", 10L))), space,
        org.nautilus.nas.search.Direction.MAXIMIZE, 1));
    assertEquals("s.yaml: strategy.settings.populaton is not a setting of this strategy, expected one of "
        + "population, tournament, mutation_retries", unknown.getMessage());
    SpecException badChoice = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("gp", new Settings(java.util.Map.of("pending", "optimist"))), space,
        org.nautilus.nas.search.Direction.MAXIMIZE, 1));
    assertEquals("s.yaml: strategy.settings.pending must be one of kriging_believer, constant_liar, got 'optimist'",
        badChoice.getMessage());
    SpecException noMembers = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("portfolio", Settings.EMPTY), space, org.nautilus.nas.search.Direction.MAXIMIZE,
        1));
    assertTrue(noMembers.getMessage().startsWith("s.yaml: strategy.settings.members must list"), noMembers.getMessage());
  }

  @Test
  void theGpTrustRegionCanBeSwitchedAndTuned() throws Exception {
    SearchSpace<?> space = new Nb201Space();
    java.util.function.Function<Object, org.nautilus.nas.search.bayes.GpBayesConfig.TrustRegion> region = value -> {
      try {
        return ((org.nautilus.nas.search.bayes.GpBayesSearcher) SpecSearchers.create("s.yaml",
            new SearchSpec.StrategySpec("gp", new Settings(java.util.Map.of("trust_region", value))), space,
            org.nautilus.nas.search.Direction.MAXIMIZE, 1)).config().trustRegion();
      } catch (SpecException e) {
        throw new AssertionError(e);
      }
    };
    assertEquals(org.nautilus.nas.search.bayes.GpBayesConfig.TrustRegion.off(), region.apply(false));
    assertEquals(org.nautilus.nas.search.bayes.GpBayesConfig.TrustRegion.defaults(), region.apply(true));
    org.nautilus.nas.search.bayes.GpBayesConfig.TrustRegion tuned =
        region.apply(java.util.Map.of("perturbed", 20.0, "candidates", 500L));
    assertTrue(tuned.enabled());
    assertEquals(20.0, tuned.perturbed());
    assertEquals(500, tuned.candidates());
    assertEquals(org.nautilus.nas.search.bayes.GpBayesConfig.TrustRegion.defaults().initialLength(),
        tuned.initialLength(), "what the map leaves out keeps its default");
    assertTrue(tuned.additive());
    assertEquals(java.util.OptionalDouble.of(1), tuned.ucbBeta());
    org.nautilus.nas.search.bayes.GpBayesConfig.TrustRegion turbo =
        region.apply(java.util.Map.of("additive", false, "ucb_beta", "none"));
    assertFalse(turbo.additive());
    assertEquals(java.util.OptionalDouble.empty(), turbo.ucbBeta(), "none: the strategy's acquisition");
    assertEquals(java.util.OptionalDouble.of(2.5), region.apply(java.util.Map.of("ucb_beta", 2.5)).ucbBeta());

    SpecException typo = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("gp", new Settings(java.util.Map.of("trust_region",
            java.util.Map.of("perturb", 3.0)))), space, org.nautilus.nas.search.Direction.MAXIMIZE, 1));
    assertEquals("s.yaml: strategy.settings.trust_region.perturb is not a trust-region setting, expected one of "
        + "initial_length, min_length, max_length, successes, failures, candidates, perturbed, additive, ucb_beta",
        typo.getMessage());
    SpecException bad = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("gp", new Settings(java.util.Map.of("trust_region",
            java.util.Map.of("min_length", 2.0)))), space, org.nautilus.nas.search.Direction.MAXIMIZE, 1));
    assertEquals("s.yaml: strategy.settings.trust_region: gp.trust_region lengths must satisfy 0 < min <= initial "
        + "<= max < inf, got 2.0, 0.8, 1.6", bad.getMessage());
    SpecException negative = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("gp", new Settings(java.util.Map.of("trust_region",
            java.util.Map.of("ucb_beta", -1.0)))), space, org.nautilus.nas.search.Direction.MAXIMIZE, 1));
    assertEquals("s.yaml: strategy.settings.trust_region: gp.trust_region ucb_beta must be >= 0 and finite, got -1.0",
        negative.getMessage());
    SpecException word = assertThrows(SpecException.class, () -> SpecSearchers.create("s.yaml",
        new SearchSpec.StrategySpec("gp", new Settings(java.util.Map.of("trust_region", "sometimes"))), space,
        org.nautilus.nas.search.Direction.MAXIMIZE, 1));
    assertEquals("s.yaml: strategy.settings.trust_region must be true, false or a map of its settings, got "
        + "'sometimes'", word.getMessage());
  }
}
