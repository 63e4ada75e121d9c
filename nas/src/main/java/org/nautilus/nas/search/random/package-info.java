/**
 * Random search, with or without deduplication.
 */
package org.nautilus.nas.search.random;
