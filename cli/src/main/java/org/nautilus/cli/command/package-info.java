/**
 * One class per nautilus subcommand (picocli).
 */
package org.nautilus.cli.command;
