/**
 * Text reports rendered from a search's folded state, identical live and on replay.
 */
package org.nautilus.cli.report;
