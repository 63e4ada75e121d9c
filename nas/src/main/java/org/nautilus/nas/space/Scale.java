package org.nautilus.nas.space;

/** How a numeric hyperparameter is sampled, mutated and encoded: uniformly in its value, or in its logarithm. */
public enum Scale {
  LINEAR,
  LOG
}
