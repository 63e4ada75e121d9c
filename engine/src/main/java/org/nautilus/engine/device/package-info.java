/**
 * Where training runs: {@link org.nautilus.engine.device.Device} names a CPU slot ({@code cpu:N})
 * or a GPU ({@code cuda:N}). A value type only; knows nothing of ND4J or training.
 */
package org.nautilus.engine.device;
