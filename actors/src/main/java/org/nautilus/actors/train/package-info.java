/**
 * Trainer actors: one per device, training one epoch per message on a pinned worker thread; a stop
 * request reaches the run in progress at its next minibatch.
 */
package org.nautilus.actors.train;
