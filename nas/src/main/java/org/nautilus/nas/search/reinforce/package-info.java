/**
 * REINFORCE policy-gradient search (Williams 1992; the NAS-Bench-201 paper's REINFORCE baseline): a
 * {@link org.nautilus.nas.search.reinforce.Policy} over the decisions of a categorical space, trained
 * asynchronously on each result with a moving-average baseline and an entropy bonus. Imports only
 * {@code org.nautilus.nas.search} and {@code org.nautilus.nas.space}.
 */
package org.nautilus.nas.search.reinforce;
