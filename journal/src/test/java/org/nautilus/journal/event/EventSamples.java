package org.nautilus.journal.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.nas.search.TrialId;

/**
 * Test data for events: an instance of any event type built from its record components (so a new event
 * type gets samples without editing this class), awkward values included, and a bit-exact comparison.
 */
public final class EventSamples {
  /** Doubles that a careless codec would change: NaN with a payload, -0.0, subnormals, infinities. */
  public static final double[] AWKWARD_DOUBLES = {
    Double.longBitsToDouble(0x7ff8_dead_beef_0001L), -0.0, Double.MIN_VALUE, 0.1 + 0.2,
    Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -1.0 / 3, 0.0,
  };

  private EventSamples() {}

  /** Every type the sealed {@link Event} permits. */
  @SuppressWarnings("unchecked")
  public static List<Class<? extends Event>> eventTypes() {
    List<Class<? extends Event>> types = new ArrayList<>();
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      types.add((Class<? extends Event>) type);
    }
    return types;
  }

  /** One instance of each event type, {@code variant} varying the values. */
  public static List<Event> oneOfEach(int variant) {
    List<Event> events = new ArrayList<>();
    for (Class<? extends Event> type : eventTypes()) {
      events.add(arbitrary(type, variant));
    }
    return events;
  }

  /** An instance of {@code type} whose components take awkward values; fails for a component type it does not know. */
  public static <E extends Event> E arbitrary(Class<E> type, int variant) {
    if (!type.isRecord()) {
      fail("event type " + type.getName() + " is not a record; extend EventSamples");
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = value(components[i], variant * 31 + i);
    }
    try {
      Constructor<E> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot build a " + type.getSimpleName(), e);
    }
  }

  private static Object value(RecordComponent component, int k) {
    Class<?> type = component.getType();
    if (type == String.class) {
      return component.getName() + "-" + k + " ünïcödé ✓ 🦑 \"quoted\"\n";
    } else if (type == long.class) {
      return 0x1234_5678_9abc_def0L + k;
    } else if (type == int.class) {
      return 3 + k;
    } else if (type == double.class) {
      return AWKWARD_DOUBLES[k % AWKWARD_DOUBLES.length];
    } else if (type == boolean.class) {
      return k % 2 == 0;
    } else if (type == byte[].class) {
      byte[] bytes = new byte[40 + k];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i * 37 + k); // zeros, negatives and 0x7f/0x80 among them
      }
      return bytes;
    } else if (type == TrialId.class) {
      return TrialId.of(1_000 + k);
    } else if (type == Map.class && isMapOfStringToDouble(component.getGenericType())) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int i = 0; i < AWKWARD_DOUBLES.length; i++) {
        metrics.put("m" + ((i * 5 + k) % AWKWARD_DOUBLES.length) + (i == 0 ? "" : "-ü"), AWKWARD_DOUBLES[i]);
      }
      metrics.put("", 42.0);
      return metrics;
    }
    throw new AssertionError("EventSamples has no value for " + component + "; extend it (and the codec)");
  }

  private static boolean isMapOfStringToDouble(Type type) {
    return type instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] == String.class
        && p.getActualTypeArguments()[1] == Double.class;
  }

  /** Equal envelopes, with every double (also inside maps) equal to the bit. */
  public static void assertBitExact(Envelope expected, Envelope actual) {
    assertEquals(expected.seq(), actual.seq(), "seq");
    assertEquals(expected.schema(), actual.schema(), "schema");
    assertEquals(expected.at(), actual.at(), "at");
    assertBitExact(expected.event(), actual.event());
  }

  /** Equal events, with every double (also inside maps) equal to the bit. */
  public static void assertBitExact(Event expected, Event actual) {
    assertEquals(expected, actual);
    for (RecordComponent component : expected.getClass().getRecordComponents()) {
      Object e = get(component, expected);
      Object a = get(component, actual);
      String name = expected.getClass().getSimpleName() + "." + component.getName();
      if (e instanceof Double d) {
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) a), name);
      } else if (e instanceof Map<?, ?> map) {
        assertEquals(map.keySet(), ((Map<?, ?>) a).keySet(), name);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (entry.getValue() instanceof Double d) {
            assertEquals(Double.doubleToRawLongBits(d),
                Double.doubleToRawLongBits((Double) ((Map<?, ?>) a).get(entry.getKey())), name + "[" + entry.getKey() + "]");
          }
        }
      }
    }
  }

  private static Object get(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** NAS-Bench-201 cells used as candidates in the samples. */
  public static final String CELL_A = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
  public static final String CELL_B = "|avg_pool_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|";

  /**
   * A small search as the supervisor would journal it: trial 1 proposed, started, two epochs reported
   * and completed; trial 2 proposed, started and failed; the search finished.
   */
  public static List<Event> realisticSearch() {
    return List.of(
        new Event.SearchCreated("{\"space\":\"nb201\",\"searcher\":\"random\",\"trials\":2}", 7L, "0.1.0-SNAPSHOT"),
        new Event.TrialProposed(TrialId.of(1), "random", CELL_A, 12),
        new Event.TrialStarted(TrialId.of(1), "tabular", "local", "cpu:0", 1),
        new Event.TrialProposed(TrialId.of(2), "random", CELL_B, 12),
        new Event.EpochReported(TrialId.of(1), 1, Map.of("loss", 1.25, "val_acc", 0.61)),
        new Event.TrialStarted(TrialId.of(2), "tabular", "local", "cpu:1", 1),
        new Event.EpochReported(TrialId.of(1), 2, Map.of("loss", 0.875, "val_acc", 0.6875)),
        new Event.TrialFailed(TrialId.of(2), "loss became NaN at epoch 1", false, 1),
        new Event.TrialCompleted(TrialId.of(1), Map.of("val_acc", 0.72, "test_acc", 0.705), 12.5),
        new Event.SearchFinished("budget of 2 trials reached"));
  }

  /** A clock that moves forward by {@code stepNanos} on every reading, from {@code start}. */
  public static Clock steppingClock(Instant start, long stepNanos) {
    return new Clock() {
      private Instant next = start;

      @Override
      public synchronized Instant instant() {
        Instant now = next;
        next = next.plusNanos(stepNanos);
        return now;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
