/**
 * Portfolios: several searchers sharing one search's trials, a policy choosing which proposes next.
 * May import {@code nas.search} only.
 */
package org.nautilus.nas.search.portfolio;
