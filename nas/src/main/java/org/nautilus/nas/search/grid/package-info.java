/**
 * Grid search: every candidate of a finite categorical space once, in odometer order or in a seeded
 * shuffle of it. Imports only {@code org.nautilus.nas.search} and {@code org.nautilus.nas.space}.
 */
package org.nautilus.nas.search.grid;
