/**
 * Turning a spec file into a running search and a journal back into its spec: what {@code nautilus
 * search} and {@code nautilus resume} share. May import the public APIs of every module.
 */
package org.nautilus.cli.search;
