/**
 * The ask/tell searcher contract (Searcher, Proposal, Outcome, TrialId) and the seeded, snapshot-able generator all searchers draw from. No actors, no ND4J, no Chronicle.
 */
package org.nautilus.nas.search;
