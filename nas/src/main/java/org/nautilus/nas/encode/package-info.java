/**
 * Numeric encodings of candidates for surrogate models: one-hot vectors of cell ops
 * ({@link org.nautilus.nas.encode.Nb201OneHotEncoder}, {@link org.nautilus.nas.encode.DartsOneHotEncoder}),
 * scaled hyperparameters ({@link org.nautilus.nas.encode.HyperparameterEncoder}), their concatenation
 * ({@link org.nautilus.nas.encode.JointEncoder}), and for NAS-Bench-201 the BANANAS path encoding
 * ({@link org.nautilus.nas.encode.Nb201PathEncoder}) and an adjacency/op-matrix encoding
 * ({@link org.nautilus.nas.encode.Nb201AdjacencyEncoder}). {@link org.nautilus.nas.encode.VectorEncoder#of}
 * picks the default vector encoder of a space.
 *
 * <p>The canonical string ({@link org.nautilus.nas.space.Candidate#canonical()}) is the identity encoding
 * and the neighbourhood (all single mutations) is
 * {@link org.nautilus.nas.space.SearchSpace#neighbours(org.nautilus.nas.space.Candidate)}.
 * Depends only on {@code org.nautilus.nas.space}.
 */
package org.nautilus.nas.encode;
