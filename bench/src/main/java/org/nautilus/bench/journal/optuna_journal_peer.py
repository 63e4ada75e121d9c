"""The peer side of JournalAppendBenchmark and JournalResumeBenchmark: Optuna's JournalFileStorage.

Each trial does what a Nautilus trial journals: it is created, reports two intermediate values
(two epochs) and completes, each step appended (and fsync'ed, as JournalFileStorage always does)
to the journal file. Then the study is reloaded from the file alone, as a restart would.

Run with Debian's python3-optuna (3.1.0):
  /usr/bin/python3 bench/src/main/java/org/nautilus/bench/journal/optuna_journal_peer.py [TRIALS...]
Prints one line per size: trials, trials/s written, seconds to reload.
"""
import os
import sys
import tempfile
import time

import optuna
from optuna.storages import JournalFileStorage, JournalStorage

optuna.logging.set_verbosity(optuna.logging.WARNING)


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    trial.report(x * x + 1, 1)
    trial.report(x * x, 2)
    return x * x


def measure(trials):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "journal.log")
        storage = JournalStorage(JournalFileStorage(path))
        study = optuna.create_study(study_name="peer", storage=storage,
                                    sampler=optuna.samplers.RandomSampler(seed=0))
        start = time.perf_counter()
        study.optimize(objective, n_trials=trials)
        write = time.perf_counter() - start

        start = time.perf_counter()
        reloaded = optuna.load_study(study_name="peer", storage=JournalStorage(JournalFileStorage(path)))
        count = len(reloaded.trials)
        reload = time.perf_counter() - start
        assert count == trials, count
        print(f"trials={trials} write_trials_per_s={trials / write:.0f} reload_s={reload:.3f}", flush=True)


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [2000]:
        measure(n)
