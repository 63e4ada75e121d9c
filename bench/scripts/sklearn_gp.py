#!/usr/bin/env python3
"""scikit-learn's GaussianProcessRegressor on the same data as GpFitBenchmark, for a side-by-side figure.

Usage: sklearn_gp.py DATA.csv RESTARTS [THETA...]
DATA.csv: one row per point, the d inputs then the output, no header.
Fits ConstantKernel * Matern(nu=2.5, ARD) + WhiteKernel with normalize_y=True and RESTARTS restarts
(n_restarts_optimizer), then prints one JSON line: the fit time, the log marginal likelihood (of the
standardized outputs, as Nautilus reports it), the fitted log-hyperparameters, and, if THETA is given
(log variance, log length-scales, log noise: Nautilus's order, which is also scikit-learn's), the log
marginal likelihood scikit-learn computes at THETA, to check that both sides compute the same quantity.
"""
import json
import sys
import time

import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel


def main():
    data = np.loadtxt(sys.argv[1], delimiter=",")
    restarts = int(sys.argv[2])
    x, y = data[:, :-1], data[:, -1]
    d = x.shape[1]
    kernel = ConstantKernel(1.0, (1e-4, 1e4)) * Matern(np.ones(d), (1e-3, 1e3), nu=2.5) \
        + WhiteKernel(1e-2, (1e-6, 10.0))
    gp = GaussianProcessRegressor(kernel, normalize_y=True, n_restarts_optimizer=restarts, random_state=0)
    start = time.perf_counter()
    gp.fit(x, y)
    seconds = time.perf_counter() - start
    out = {
        "fit_seconds": seconds,
        "log_marginal_likelihood": float(gp.log_marginal_likelihood_value_),
        "theta": [float(v) for v in gp.kernel_.theta],
    }
    if len(sys.argv) > 3:
        theta = np.array([float(v) for v in sys.argv[3:]])
        out["log_marginal_likelihood_at_nautilus_theta"] = float(gp.log_marginal_likelihood(theta))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
