package org.nautilus.nas.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.space.CategoricalDimension;
import org.nautilus.nas.space.Condition;
import org.nautilus.nas.space.DartsOp;
import org.nautilus.nas.space.DartsSpace;
import org.nautilus.nas.space.Dimension;
import org.nautilus.nas.space.FloatDimension;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.IntDimension;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Scale;
import org.nautilus.nas.space.TrainingHyperparameters;
import org.nautilus.nas.spec.Node.Entry;
import org.nautilus.nas.spec.Node.Kind;
import org.nautilus.nas.spec.Node.ListNode;
import org.nautilus.nas.spec.Node.MapNode;
import org.nautilus.nas.spec.Node.Scalar;
import org.nautilus.nas.spec.SearchSpec.BudgetSpec;
import org.nautilus.nas.spec.SearchSpec.CellSpec;
import org.nautilus.nas.spec.SearchSpec.DartsCellSpec;
import org.nautilus.nas.spec.SearchSpec.DataSpec;
import org.nautilus.nas.spec.SearchSpec.Nb201CellSpec;
import org.nautilus.nas.spec.SearchSpec.ObjectiveSpec;
import org.nautilus.nas.spec.SearchSpec.SpaceSpec;
import org.nautilus.nas.spec.SearchSpec.StrategySpec;
import org.nautilus.nas.spec.SearchSpec.TrainerSpec;

/**
 * Reads and validates a spec file into a {@link SearchSpec}. YAML for {@code .yaml}/{@code .yml}, JSON
 * for {@code .json}. The first problem found is thrown as a {@link SpecException} whose message is one
 * line, {@code FILE:LINE: field.path what was expected, got VALUE}; unknown keys name the closest known
 * key. The schema is in {@code examples/README.md}.
 */
public final class SpecParser {
  private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(s|m|h|d)");

  private final String file;

  private SpecParser(String file) {
    this.file = file;
  }

  /** Reads the spec in {@code file}; the format follows the extension. */
  public static SearchSpec parse(Path file) throws SpecException {
    String name = file.toString();
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(name, 0, "cannot read the spec: " + e.getMessage());
    }
    return parse(name, content);
  }

  /** Parses {@code content} as if read from a file called {@code fileName} (its extension picks the format). */
  public static SearchSpec parse(String fileName, String content) throws SpecException {
    String lower = fileName.toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
    if (!yaml && !lower.endsWith(".json")) {
      throw new SpecException(fileName, 0, "a spec file must end in .yaml, .yml or .json");
    }
    return new SpecParser(fileName).spec(Node.read(fileName, content, yaml));
  }

  private SearchSpec spec(Node root) throws SpecException {
    MapNode m = map(root, "spec");
    keys(m, "", List.of("space", "strategy", "objective", "budget", "trainer", "data", "seed"));
    SpaceSpec space = space(required(m, "", "space"));
    Node strategyNode = required(m, "", "strategy");
    StrategySpec strategy = strategy(strategyNode);
    if (strategy.name().equals("grid")) {
      checkFinite(space, map(strategyNode, "strategy").entries().get("name").value());
    }
    ObjectiveSpec objective = objective(required(m, "", "objective"));
    BudgetSpec budget = budget(required(m, "", "budget"));
    TrainerSpec trainer = trainer(required(m, "", "trainer"));
    Optional<DataSpec> data = m.entries().containsKey("data")
        ? Optional.of(data(m.entries().get("data").value())) : Optional.empty();
    OptionalLong seed = m.entries().containsKey("seed")
        ? OptionalLong.of(integer(m.entries().get("seed").value(), "seed")) : OptionalLong.empty();
    return new SearchSpec(space, strategy, objective, budget, trainer, data, seed);
  }

  // ---- space -------------------------------------------------------------------------------------

  private SpaceSpec space(Node node) throws SpecException {
    MapNode m = map(node, "space");
    keys(m, "space", List.of("cell", "hyperparameters"));
    if (!m.entries().containsKey("cell") && !m.entries().containsKey("hyperparameters")) {
      throw error(m.line(), "space needs a cell, hyperparameters or both, got neither");
    }
    Optional<CellSpec> cell = m.entries().containsKey("cell")
        ? Optional.of(cell(m.entries().get("cell").value())) : Optional.empty();
    HyperparameterSpace hps = m.entries().containsKey("hyperparameters")
        ? hyperparameters(m.entries().get("hyperparameters").value()) : HyperparameterSpace.of();
    return new SpaceSpec(cell, hps);
  }

  private CellSpec cell(Node node) throws SpecException {
    String path = "space.cell";
    MapNode m;
    String kind;
    if (node instanceof Scalar) {
      m = new MapNode(Map.of(), node.line());
      kind = choice(node, path, List.of("nb201", "darts"));
    } else {
      m = map(node, path);
      keys(m, path, List.of("kind", "ops", "extra_ops", "nodes"));
      kind = choice(required(m, path, "kind"), path + ".kind", List.of("nb201", "darts"));
    }
    if (kind.equals("nb201")) {
      if (m.entries().containsKey("nodes")) {
        throw error(m.entries().get("nodes").keyLine(), path + ".nodes is only allowed for darts cells, got "
            + m.entries().get("nodes").value().describe());
      }
      List<String> all = Nb201Op.builtIns().stream().map(Nb201Op::label).toList();
      List<String> ops = ops(m, path, all);
      return new Nb201CellSpec(ops.stream().map(Nb201Op::of).toList());
    }
    int nodes = DartsSpace.DEFAULT_NODES;
    if (m.entries().containsKey("nodes")) {
      Node n = m.entries().get("nodes").value();
      long value = integer(n, path + ".nodes");
      if (value < 1 || value > 32) {
        throw error(n.line(), path + ".nodes must be in 1..32, got " + n.describe());
      }
      nodes = (int) value;
    }
    List<String> all = DartsOp.builtIns().stream().map(DartsOp::label).toList();
    List<String> ops = ops(m, path, all);
    return new DartsCellSpec(nodes, ops.stream().map(DartsOp::of).toList());
  }

  /**
   * The cell's op labels: {@code ops} (default: all built-ins), which may also name the custom ops
   * declared under {@code extra_ops}, followed by the {@code extra_ops} that {@code ops} does not list.
   * Only {@code extra_ops} may introduce labels that are not built-in, so a typo under {@code ops} is
   * still an "unknown op" error.
   */
  private List<String> ops(MapNode m, String path, List<String> builtIns) throws SpecException {
    List<String> extra = extraOps(m, path, builtIns);
    List<String> all = new ArrayList<>(builtIns);
    all.addAll(extra);
    if (!m.entries().containsKey("ops")) {
      return all;
    }
    List<String> listed = listedOps(m, path, all);
    List<String> out = new ArrayList<>(listed);
    extra.stream().filter(op -> !listed.contains(op)).forEach(out::add);
    return out;
  }

  private List<String> extraOps(MapNode m, String path, List<String> builtIns) throws SpecException {
    if (!m.entries().containsKey("extra_ops")) {
      return List.of();
    }
    Node node = m.entries().get("extra_ops").value();
    List<Node> items = list(node, path + ".extra_ops");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String where = path + ".extra_ops[" + i + "]";
      Node item = items.get(i);
      if (!(item instanceof Scalar s) || s.kind() != Kind.STRING || !s.text().matches("[a-z][a-z0-9_]*")) {
        throw error(item.line(), where + " must be an op name matching [a-z][a-z0-9_]*, got " + item.describe());
      }
      String op = s.text();
      if (builtIns.contains(op)) {
        throw error(item.line(), where + " '" + op + "' is a built-in op; list it under ops, not extra_ops");
      }
      if (out.contains(op)) {
        throw error(item.line(), where + " must not repeat an op, got '" + op + "' twice");
      }
      out.add(op);
    }
    return out;
  }

  private List<String> listedOps(MapNode m, String path, List<String> all) throws SpecException {
    Node node = m.entries().get("ops").value();
    List<Node> items = list(node, path + ".ops");
    if (items.isEmpty()) {
      throw error(node.line(), path + ".ops must list at least one op, got an empty list");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String op = choice(items.get(i), path + ".ops[" + i + "]", all);
      if (out.contains(op)) {
        throw error(items.get(i).line(), path + ".ops[" + i + "] must not repeat an op, got '" + op + "' twice");
      }
      out.add(op);
    }
    return out;
  }

  private HyperparameterSpace hyperparameters(Node node) throws SpecException {
    String path = "space.hyperparameters";
    MapNode m = map(node, path);
    List<Dimension> dims = new ArrayList<>();
    for (Entry e : m.entries().values()) {
      String dimPath = path + "." + e.key();
      if (!Dimension.NAME.matcher(e.key()).matches()) {
        throw error(e.keyLine(), dimPath + " must be named like " + Dimension.NAME + ", got '" + e.key() + "'");
      }
      dims.add(dimension(e.key(), e.value(), dimPath, dims));
    }
    return HyperparameterSpace.of(dims);
  }

  private Dimension dimension(String name, Node node, String path, List<Dimension> before) throws SpecException {
    if (node instanceof Scalar s) {
      if (!(s.kind() == Kind.STRING && s.text().equals("builtin"))) {
        throw error(s.line(), path + " must be a mapping or 'builtin', got " + s.describe());
      }
      return builtin(name, s, path, before);
    }
    MapNode m = map(node, path);
    String type = choice(required(m, path, "type"), path + ".type", List.of("float", "int", "categorical"));
    Dimension dim = switch (type) {
      case "float" -> floatDimension(name, m, path);
      case "int" -> intDimension(name, m, path);
      default -> categorical(name, m, path);
    };
    if (m.entries().containsKey("when")) {
      dim = dim.when(condition(m.entries().get("when").value(), path + ".when", name, before));
    }
    return dim;
  }

  private Dimension builtin(String name, Scalar s, String path, List<Dimension> before) throws SpecException {
    Optional<Dimension> found = TrainingHyperparameters.byName(name);
    if (found.isEmpty()) {
      List<String> names = TrainingHyperparameters.all().stream().map(Dimension::name).toList();
      throw error(s.line(), path + " is not a built-in hyperparameter, did you mean '" + closest(name, names)
          + "'? (built-in: " + String.join(", ", names) + ")");
    }
    Dimension dim = found.get();
    if (dim.condition().isEmpty()) {
      return dim;
    }
    Condition c = dim.condition().get();
    Optional<CategoricalDimension> parent = before.stream().filter(d -> d.name().equals(c.parent()))
        .filter(CategoricalDimension.class::isInstance).map(CategoricalDimension.class::cast).findFirst();
    if (parent.isEmpty()) {
      throw error(s.line(), path + " is active only for " + c + ", so it needs the categorical '" + c.parent()
          + "' declared before it, got none");
    }
    List<String> values = c.values().stream().filter(parent.get().values()::contains).toList();
    if (values.isEmpty()) {
      throw error(s.line(), path + " is active only for " + c + ", but " + c.parent() + " has none of these values, got "
          + parent.get().values());
    }
    return dim.when(new Condition(c.parent(), values));
  }

  private FloatDimension floatDimension(String name, MapNode m, String path) throws SpecException {
    keys(m, path, List.of("type", "low", "high", "scale", "step", "when"));
    Node lowNode = required(m, path, "low");
    Node highNode = required(m, path, "high");
    double low = number(lowNode, path + ".low");
    double high = number(highNode, path + ".high");
    Scale scale = scale(m, path);
    if (scale == Scale.LOG && !(low > 0)) {
      throw error(lowNode.line(), path + ".low must be > 0 for log scale, got " + lowNode.describe());
    }
    if (!(high > low)) {
      throw error(highNode.line(), path + ".high must be > low (" + lowNode.describe() + "), got "
          + highNode.describe());
    }
    OptionalDouble step = OptionalDouble.empty();
    if (m.entries().containsKey("step")) {
      Node stepNode = m.entries().get("step").value();
      double value = number(stepNode, path + ".step");
      if (scale == Scale.LOG) {
        throw error(stepNode.line(), path + ".step is only allowed with linear scale, got " + stepNode.describe());
      }
      if (!(value > 0) || value > high - low) {
        throw error(stepNode.line(), path + ".step must be in (0, high - low], got " + stepNode.describe());
      }
      step = OptionalDouble.of(value);
    }
    return new FloatDimension(name, low, high, scale, step, Optional.empty());
  }

  private IntDimension intDimension(String name, MapNode m, String path) throws SpecException {
    keys(m, path, List.of("type", "low", "high", "scale", "step", "when"));
    Node lowNode = required(m, path, "low");
    Node highNode = required(m, path, "high");
    long low = integer(lowNode, path + ".low");
    long high = integer(highNode, path + ".high");
    Scale scale = scale(m, path);
    if (scale == Scale.LOG && low < 1) {
      throw error(lowNode.line(), path + ".low must be >= 1 for log scale, got " + lowNode.describe());
    }
    if (high < low || high - low >= Integer.MAX_VALUE) {
      throw error(highNode.line(), path + ".high must be in low (" + lowNode.describe() + ") .. low + 2^31 - 2, got "
          + highNode.describe());
    }
    long step = 1;
    if (m.entries().containsKey("step")) {
      Node stepNode = m.entries().get("step").value();
      step = integer(stepNode, path + ".step");
      if (scale == Scale.LOG) {
        throw error(stepNode.line(), path + ".step is only allowed with linear scale, got " + stepNode.describe());
      }
      if (step < 1) {
        throw error(stepNode.line(), path + ".step must be >= 1, got " + stepNode.describe());
      }
    }
    return new IntDimension(name, low, high, scale, step, Optional.empty());
  }

  private Scale scale(MapNode m, String path) throws SpecException {
    if (!m.entries().containsKey("scale")) {
      return Scale.LINEAR;
    }
    return Scale.valueOf(choice(m.entries().get("scale").value(), path + ".scale", List.of("linear", "log"))
        .toUpperCase(Locale.ROOT));
  }

  private CategoricalDimension categorical(String name, MapNode m, String path) throws SpecException {
    keys(m, path, List.of("type", "values", "when"));
    Node valuesNode = required(m, path, "values");
    List<Node> items = list(valuesNode, path + ".values");
    if (items.isEmpty()) {
      throw error(valuesNode.line(), path + ".values must list at least one value, got an empty list");
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String value = token(items.get(i), path + ".values[" + i + "]");
      if (values.contains(value)) {
        throw error(items.get(i).line(), path + ".values[" + i + "] must not repeat a value, got '" + value
            + "' twice");
      }
      values.add(value);
    }
    return new CategoricalDimension(name, values, Optional.empty());
  }

  private Condition condition(Node node, String path, String name, List<Dimension> before) throws SpecException {
    MapNode m = map(node, path);
    if (m.entries().size() != 1) {
      throw error(m.line(), path + " must name exactly one parent, like {optimizer: [adam]}, got "
          + m.entries().size() + " keys");
    }
    Entry e = m.entries().values().iterator().next();
    Optional<Dimension> parent = before.stream().filter(d -> d.name().equals(e.key())).findFirst();
    if (parent.isEmpty() || !(parent.get() instanceof CategoricalDimension p)) {
      throw error(e.keyLine(), path + "." + e.key() + " must be a categorical hyperparameter declared before "
          + name + ", got " + (parent.isEmpty() ? "none" : "a " + parent.get().getClass().getSimpleName()));
    }
    List<Node> items = e.value() instanceof ListNode l ? l.items() : List.of(e.value());
    if (items.isEmpty()) {
      throw error(e.value().line(), path + "." + e.key() + " must list at least one value, got an empty list");
    }
    List<String> values = new ArrayList<>();
    for (Node item : items) {
      values.add(choice(item, path + "." + e.key(), p.values()));
    }
    return new Condition(e.key(), values);
  }

  private void checkFinite(SpaceSpec space, Node nameNode) throws SpecException {
    for (Dimension d : space.hyperparameters().dimensions()) {
      if (d.cardinality().isEmpty()) {
        throw error(nameNode.line(), "strategy.name grid needs a finite space, but space.hyperparameters."
            + d.name() + " is a float without step, got 'grid'");
      }
    }
  }

  // ---- other sections ----------------------------------------------------------------------------

  private StrategySpec strategy(Node node) throws SpecException {
    MapNode m = map(node, "strategy");
    keys(m, "strategy", List.of("name", "settings"));
    String name = choice(required(m, "strategy", "name"), "strategy.name", SearchSpec.STRATEGIES);
    return new StrategySpec(name, settings(m, "strategy"));
  }

  private ObjectiveSpec objective(Node node) throws SpecException {
    MapNode m = map(node, "objective");
    keys(m, "objective", List.of("metric", "direction"));
    String metric = string(required(m, "objective", "metric"), "objective.metric");
    String direction = choice(required(m, "objective", "direction"), "objective.direction",
        List.of("maximize", "minimize"));
    return new ObjectiveSpec(metric, Direction.valueOf(direction.toUpperCase(Locale.ROOT)));
  }

  private BudgetSpec budget(Node node) throws SpecException {
    MapNode m = map(node, "budget");
    keys(m, "budget", List.of("trials", "wall_time", "cost", "target"));
    Map<String, Entry> e = m.entries();
    if (!e.containsKey("trials") && !e.containsKey("wall_time") && !e.containsKey("cost")) {
      throw error(m.line(), "budget needs at least one of trials, wall_time, cost, got none");
    }
    OptionalLong trials = OptionalLong.empty();
    if (e.containsKey("trials")) {
      Node n = e.get("trials").value();
      long value = integer(n, "budget.trials");
      if (value < 1) {
        throw error(n.line(), "budget.trials must be >= 1, got " + n.describe());
      }
      trials = OptionalLong.of(value);
    }
    Optional<Duration> wallTime = e.containsKey("wall_time")
        ? Optional.of(duration(e.get("wall_time").value(), "budget.wall_time")) : Optional.empty();
    OptionalDouble cost = OptionalDouble.empty();
    if (e.containsKey("cost")) {
      Node n = e.get("cost").value();
      double value = number(n, "budget.cost");
      if (!(value > 0)) {
        throw error(n.line(), "budget.cost must be > 0 seconds, got " + n.describe());
      }
      cost = OptionalDouble.of(value);
    }
    OptionalDouble target = e.containsKey("target")
        ? OptionalDouble.of(number(e.get("target").value(), "budget.target")) : OptionalDouble.empty();
    return new BudgetSpec(trials, wallTime, cost, target);
  }

  /**
   * A duration as spec files write it: seconds (a number), or a number with a unit {@code s},
   * {@code m}, {@code h} or {@code d} (e.g. {@code 90s}, {@code 30m}, {@code 12h}); empty if the text is
   * neither or not positive.
   */
  public static Optional<Duration> duration(String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (matcher.matches()) {
      double amount = Double.parseDouble(matcher.group(1));
      double unit = switch (matcher.group(2)) {
        case "s" -> 1;
        case "m" -> 60;
        case "h" -> 3600;
        default -> 86400;
      };
      return amount > 0 ? Optional.of(Duration.ofMillis(Math.round(amount * unit * 1000))) : Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(text.strip());
      return seconds > 0 && Double.isFinite(seconds) ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Duration duration(Node node, String path) throws SpecException {
    String expected = path + " must be seconds or a duration like 90s, 30m, 12h, 2d, got " + node.describe();
    if (node instanceof Scalar s && (s.kind() == Kind.INTEGER || s.kind() == Kind.FLOAT)) {
      double seconds = Double.parseDouble(s.text());
      if (!(seconds > 0)) {
        throw error(s.line(), expected);
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    }
    if (node instanceof Scalar s && s.kind() == Kind.STRING && DURATION.matcher(s.text().strip()).matches()) {
      Optional<Duration> duration = duration(s.text());
      if (duration.isPresent()) {
        return duration.get();
      }
    }
    throw error(node.line(), expected);
  }

  private TrainerSpec trainer(Node node) throws SpecException {
    MapNode m = map(node, "trainer");
    keys(m, "trainer", List.of("kind", "settings"));
    String kind = choice(required(m, "trainer", "kind"), "trainer.kind", SearchSpec.TRAINERS);
    return new TrainerSpec(kind, settings(m, "trainer"));
  }

  private DataSpec data(Node node) throws SpecException {
    MapNode m = map(node, "data");
    keys(m, "data", List.of("dataset", "path", "settings"));
    String dataset = string(required(m, "data", "dataset"), "data.dataset");
    Optional<String> path = m.entries().containsKey("path")
        ? Optional.of(string(m.entries().get("path").value(), "data.path")) : Optional.empty();
    return new DataSpec(dataset, path, settings(m, "data"));
  }

  private Settings settings(MapNode parent, String path) throws SpecException {
    if (!parent.entries().containsKey("settings")) {
      return Settings.EMPTY;
    }
    MapNode m = map(parent.entries().get("settings").value(), path + ".settings");
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) value(m, path + ".settings");
    return new Settings(values);
  }

  private Object value(Node node, String path) throws SpecException {
    if (node instanceof MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Entry e : m.entries().values()) {
        out.put(e.key(), value(e.value(), path + "." + e.key()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (node instanceof ListNode l) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        out.add(value(l.items().get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    Scalar s = (Scalar) node;
    return switch (s.kind()) {
      case STRING -> s.text();
      case INTEGER -> integer(s, path);
      case FLOAT -> number(s, path);
      case BOOLEAN -> Boolean.parseBoolean(s.text());
      case NULL -> throw error(s.line(), path + " must have a value, got nothing");
    };
  }

  // ---- primitives --------------------------------------------------------------------------------

  private SpecException error(int line, String message) {
    return new SpecException(file, line, message);
  }

  private MapNode map(Node node, String path) throws SpecException {
    if (!(node instanceof MapNode m)) {
      throw error(node.line(), path + " must be a mapping, got " + node.describe());
    }
    return m;
  }

  private List<Node> list(Node node, String path) throws SpecException {
    if (!(node instanceof ListNode l)) {
      throw error(node.line(), path + " must be a list, got " + node.describe());
    }
    return l.items();
  }

  private Node required(MapNode m, String path, String key) throws SpecException {
    Entry e = m.entries().get(key);
    if (e == null) {
      throw error(m.line(), (path.isEmpty() ? "" : path + ".") + key + " is required, got none");
    }
    return e.value();
  }

  private void keys(MapNode m, String path, List<String> known) throws SpecException {
    for (Entry e : m.entries().values()) {
      if (!known.contains(e.key())) {
        throw error(e.keyLine(), (path.isEmpty() ? "" : path + ".") + e.key() + " is not a known key, did you mean '"
            + closest(e.key(), known) + "'? (expected one of " + String.join(", ", known) + ")");
      }
    }
  }

  private String string(Node node, String path) throws SpecException {
    if (!(node instanceof Scalar s) || s.kind() != Kind.STRING || s.text().isBlank()) {
      throw error(node.line(), path + " must be a non-empty string, got " + node.describe());
    }
    return s.text();
  }

  /** A scalar's text matching {@link Dimension#TOKEN}; numbers are taken as written. */
  private String token(Node node, String path) throws SpecException {
    if (!(node instanceof Scalar s) || s.kind() == Kind.NULL || !Dimension.TOKEN.matcher(s.text()).matches()) {
      throw error(node.line(), path + " must be a name or number matching " + Dimension.TOKEN + ", got "
          + node.describe());
    }
    return s.text();
  }

  private String choice(Node node, String path, List<String> choices) throws SpecException {
    if (!(node instanceof Scalar s) || s.kind() == Kind.NULL || !choices.contains(s.text())) {
      throw error(node.line(), path + " must be one of " + String.join(", ", choices) + ", got " + node.describe());
    }
    return s.text();
  }

  private long integer(Node node, String path) throws SpecException {
    if (node instanceof Scalar s && s.kind() == Kind.INTEGER) {
      try {
        return Long.parseLong(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw error(node.line(), path + " must be an integer, got " + node.describe());
  }

  private double number(Node node, String path) throws SpecException {
    if (node instanceof Scalar s && (s.kind() == Kind.INTEGER || s.kind() == Kind.FLOAT)) {
      try {
        double v = Double.parseDouble(s.text().replace("_", ""));
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw error(node.line(), path + " must be a number, got " + node.describe());
  }

  /**
   * The known key most similar to {@code key} (first in list order on ties): similarity is
   * {@code 2 * LCS / (|key| + |known|)}, LCS the longest common subsequence, so {@code lrate} suggests
   * {@code learning_rate} rather than the nearer-by-edits {@code l1}.
   */
  static String closest(String key, List<String> known) {
    String best = known.get(0);
    double bestScore = -1;
    for (String k : known) {
      double score = 2.0 * commonSubsequence(key, k) / (key.length() + k.length());
      if (score > bestScore) {
        best = k;
        bestScore = score;
      }
    }
    return best;
  }

  private static int commonSubsequence(String a, String b) {
    int[][] t = new int[a.length() + 1][b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        t[i][j] = a.charAt(i - 1) == b.charAt(j - 1) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t[a.length()][b.length()];
  }
}
