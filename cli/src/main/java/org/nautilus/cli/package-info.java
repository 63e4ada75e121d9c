/**
 * The nautilus command: entry point, exit statuses and one-line errors. Uses the public APIs of actors, engine, journal and nas only.
 */
package org.nautilus.cli;
