/**
 * The search supervisor: the single journal writer of a search, owner of its searcher, parent of its trainer actors. Depends on nas, engine and journal; knows nothing of the CLI.
 */
package org.nautilus.actors.supervisor;
