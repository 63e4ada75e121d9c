/**
 * Trainer actors: one per device, on a pinned dispatcher, training one epoch per message.
 */
package org.nautilus.actors.train;
