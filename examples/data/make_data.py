#!/usr/bin/env python3
"""Writes the small CSV data sets of the mlp and rnn examples (deterministic: fixed seeds, fixed formulas).

rings.csv: 400 points, two classes on concentric rings (radius 1 and 2, Gaussian noise 0.25) in the
plane x, y, plus two pure-noise features n1, n2; a linear model is at chance, a small MLP near 100%.
tide.csv: 600 hourly readings of a tide-like level, two sines (periods 12.4 and 24 steps) plus noise,
with the hour and a weekday name beside it (the rnn example forecasts 'level' from windows of it).

Run from anywhere: python3 examples/data/make_data.py
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def rings(path):
    rnd = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        out.write("x,y,n1,n2,ring\n")
        for i in range(400):
            ring = "inner" if i % 2 == 0 else "outer"
            radius = (1.0 if ring == "inner" else 2.0) + rnd.gauss(0, 0.25)
            angle = rnd.uniform(0, 2 * math.pi)
            out.write("%.4f,%.4f,%.4f,%.4f,%s\n" % (radius * math.cos(angle), radius * math.sin(angle),
                                                     rnd.gauss(0, 1), rnd.gauss(0, 1), ring))


def tide(path):
    rnd = random.Random(11)
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    with open(path, "w", encoding="utf-8") as out:
        out.write("hour,day,level\n")
        for t in range(600):
            level = math.sin(2 * math.pi * t / 12.4) + 0.5 * math.sin(2 * math.pi * t / 24) + rnd.gauss(0, 0.05)
            out.write("%d,%s,%.4f\n" % (t, days[(t // 24) % 7], level))


if __name__ == "__main__":
    rings(os.path.join(HERE, "rings.csv"))
    tide(os.path.join(HERE, "tide.csv"))
