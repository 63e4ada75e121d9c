package org.nautilus.nas.space;

/** A point of a search space, identified by its canonical string. */
public interface Candidate {
  /** The canonical string: equal candidates have equal strings, and the space parses it back. */
  String canonical();
}
