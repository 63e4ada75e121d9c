/**
 * The external-process trainer: {@link org.nautilus.engine.train.process.ProcessTrainer} runs a user's
 * own training command (PyTorch, JAX, anything) once per trial and speaks a line protocol with it.
 * Knows nothing of actors or the journal; depends on {@code engine.train}, {@code engine.device},
 * {@code nas.space}, {@code nas.search} and Jackson.
 *
 * <h2>Protocol, version 1</h2>
 *
 * <p><b>Launch.</b> The command is an argument list, run without a shell. The arguments
 * {@code {request}} and {@code {trial}} are replaced by the request file's path and the trial
 * number. The environment gets {@code NAUTILUS_REQUEST} (the request file's path),
 * {@code NAUTILUS_TRIAL}, {@code NAUTILUS_DEVICE} ({@code cpu:N} or {@code cuda:N}),
 * {@code CUDA_VISIBLE_DEVICES} (the GPU index for {@code cuda:N}, the empty string for a CPU slot, so
 * that a CPU trial never grabs a GPU) and {@code PYTHONUNBUFFERED=1}.
 *
 * <p><b>Request</b> (one JSON object, in the file and as the single line on standard input, which is
 * then closed):
 * <pre>
 * {"protocol": 1, "trial": 7, "candidate": "|nor_conv_3x3~0|+...;learning_rate=0.1",
 *  "cell": "|nor_conv_3x3~0|+...", "hyperparameters": {"learning_rate": 0.1, "optimizer": "adam"},
 *  "epochs": 12, "seed": 42, "device": "cuda:0"}
 * </pre>
 * {@code candidate} is always the canonical string; {@code cell} is present when the candidate has an
 * architecture; {@code hyperparameters} is always present (possibly empty), with numbers as JSON
 * numbers and categories as strings. {@code epochs} is the fidelity.
 *
 * <p><b>Replies</b> on standard output, one JSON object per line (blank lines are ignored; anything
 * else is a protocol error that fails the trial, quoting the line):
 * <pre>
 * {"epoch": 1, "metrics": {"loss": 1.93, "val_accuracy": 0.41}}     exactly once per epoch, 1, 2, ...
 * {"result": {"val_accuracy": 0.83, "test_accuracy": 0.82}}         once, after the last epoch
 * {"error": "CUDA out of memory", "retryable": true}                 instead, to fail the trial
 * </pre>
 * Metric values are numbers ({@code NaN} and {@code Infinity} as Python's {@code json} writes them
 * are read, and fail the trial as a diverged run, not retryable). The result's metrics are completed
 * with the last epoch's for names it lacks. Standard error is appended to
 * {@code <runDir>/trial-<n>.stderr.log}. The process must exit with status 0 after the result.
 *
 * <p><b>Ending.</b> When the time limit passes, when the run is closed (a stop request), or on any
 * failure, the process and all its descendants ({@link java.lang.ProcessHandle#descendants()}) are
 * killed with SIGKILL.
 */
package org.nautilus.engine.train.process;
