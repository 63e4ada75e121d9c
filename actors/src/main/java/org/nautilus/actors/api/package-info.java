/**
 * What embedding code uses: run a search in its own actor system and observe its events.
 */
package org.nautilus.actors.api;
