#!/bin/sh
# A user's training script with faults by trial number, speaking the process-trainer protocol
# (see engine.train.process): trial 1 crashes, trial 2 diverges to NaN, trial 3 hangs, trial 4
# prints garbage; the others train their epochs and report a result.
case "$NAUTILUS_TRIAL" in
  1)
    echo '{"epoch": 1, "metrics": {"loss": 2.0, "val_accuracy": 0.1}}'
    echo 'RuntimeError: CUDA error: an illegal memory access was encountered' >&2
    exit 1
    ;;
  2)
    echo '{"epoch": 1, "metrics": {"loss": NaN, "val_accuracy": 0.1}}'
    ;;
  3)
    sleep 600
    ;;
  4)
    echo 'Epoch 1/2 - loss: 0.52 - acc: 0.81'
    ;;
  *)
    echo "{\"epoch\": 1, \"metrics\": {\"loss\": 1.0, \"val_accuracy\": 0.$NAUTILUS_TRIAL}}"
    echo "{\"epoch\": 2, \"metrics\": {\"loss\": 0.5, \"val_accuracy\": 0.$NAUTILUS_TRIAL$NAUTILUS_TRIAL}}"
    echo "{\"result\": {\"val_accuracy\": 0.$NAUTILUS_TRIAL$NAUTILUS_TRIAL}}"
    ;;
esac
