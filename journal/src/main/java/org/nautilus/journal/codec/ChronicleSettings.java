package org.nautilus.journal.codec;

/**
 * The system properties that keep Chronicle quiet and private. They must be set before Chronicle's
 * classes initialise, so every class of this package that touches Chronicle calls {@link #apply()}
 * from its static initialiser. A value the user already set (e.g. {@code -Dchronicle.announcer.disable=false})
 * is left alone. The launcher sets the same properties on the command line, which is equivalent.
 */
final class ChronicleSettings {
  /** Property, value: no banner ("Running under ... Leave your e-mail ..."), read by chronicle-core's announcer. */
  static final String[][] PROPERTIES = {
    {"chronicle.announcer.disable", "true"},
    // No usage statistics sent to Google Analytics and no ~/.chronicle.analytics.client.id file.
    // (journal/pom.xml also excludes the chronicle-analytics jar, which disables it a second way.)
    {"chronicle.analytics.disable", "true"},
    // No INFO lines timing memory-mapping and disk-space polls ("Took 8 ms to add mapping for ...").
    {"disable.perf.info", "true"},
  };

  private ChronicleSettings() {}

  /** Sets each property that is not already set. Idempotent and cheap. */
  static void apply() {
    for (String[] property : PROPERTIES) {
      if (System.getProperty(property[0]) == null) {
        System.setProperty(property[0], property[1]);
      }
    }
  }
}
