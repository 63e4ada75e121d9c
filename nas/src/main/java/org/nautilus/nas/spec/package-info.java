/**
 * Search spec files: YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) describing the space,
 * strategy, objective, budget, trainer and data of a search, read by {@link org.nautilus.nas.spec.SpecParser}
 * into an immutable {@link org.nautilus.nas.spec.SearchSpec}. Every validation error is one line,
 * {@code FILE:LINE: field.path what was expected, got VALUE}, thrown as a
 * {@link org.nautilus.nas.spec.SpecException}. The schema is documented in {@code examples/README.md}.
 * Depends on {@code org.nautilus.nas.space}, {@code org.nautilus.nas.search.Direction} and Jackson.
 */
package org.nautilus.nas.spec;
