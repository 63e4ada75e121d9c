/** Runnable examples of embedding Nautilus, compiled and tested with the build. */
package org.nautilus.examples;
