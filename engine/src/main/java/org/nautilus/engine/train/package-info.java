/**
 * Turning a candidate into a trained, measured model. Owns the {@link org.nautilus.engine.train.Trainer}
 * / {@link org.nautilus.engine.train.TrainingRun} contract (one epoch per call, a stop request from
 * another thread that ends an epoch at its next minibatch; checkpoints at epoch boundaries and
 * {@code Trainer.resume}), its request and report
 * types, and the in-JVM implementation: {@link org.nautilus.engine.train.SameDiffTrainer}, which trains
 * the NAS-Bench-201 macro network ({@link org.nautilus.engine.train.Nb201Network}) and the DARTS network
 * ({@link org.nautilus.engine.train.DartsNetwork}) with ND4J SameDiff on an
 * {@link org.nautilus.engine.data.ImageData}, and {@link org.nautilus.engine.train.TrainingThroughput}
 * behind {@code nautilus bench train}. {@link org.nautilus.engine.train.CrossValidatedRun} cross-validates a
 * candidate over k folds ({@link org.nautilus.engine.train.FoldRun}s, one model each, trained interleaved
 * epoch by epoch) for the MLP and recurrent trainers. Sub-packages: {@code optim} (optimizers, schedules, training
 * settings), {@code mlp} (tabular MLPs), {@code rnn} (LSTM and GRU on sequences), {@code process} (the
 * external-process trainer). May use
 * {@code engine.data}, {@code engine.device}, {@code engine.metric}, {@code nas.space} and
 * {@code nas.search}; knows nothing of actors or the journal.
 *
 * <p><b>Threads.</b> ND4J's CPU backend sizes its thread pools once, from the environment variable
 * {@code OMP_NUM_THREADS}, when it loads. On the 2-core reference machine {@code OMP_NUM_THREADS=1}
 * was faster both for one trainer (about 25% more images/s) and for two concurrent trainers (about
 * 30% more in aggregate) than the default of one thread per core, because these small tensors gain
 * less from a second thread than they lose to synchronisation and oversubscription. Set it in the
 * launcher (and for tests) rather than in code: in 1.0.0-M2.1 {@code Nd4j.getEnvironment()
 * .setMaxThreads(1)} is ignored at run time and {@code setMaxMasterThreads(1)} alone gains about 5%.
 * Results are reproducible for a fixed thread count; a different count may change the last digits.
 */
package org.nautilus.engine.train;
