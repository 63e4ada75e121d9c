/**
 * The searcher's actor: calls a search's searcher on a thread of its own and recovers it from its
 * faults. Depends on nas only (and Pekko); the supervisor owns it.
 */
package org.nautilus.actors.search;
