/**
 * Search spaces and their candidates, named by canonical strings (NAS-Bench-201 cells). Depends on nothing outside nas.
 */
package org.nautilus.nas.space;
