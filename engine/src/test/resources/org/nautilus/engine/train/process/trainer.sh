#!/bin/sh
# A stand-in for a user's training script, speaking the process-trainer protocol. Run as
# "sh trainer.sh MODE DIR {request}": MODE picks a behaviour, DIR receives what the test inspects.
mode="$1"
dir="$2"
request_arg="$3"
# keep what arrived on standard input, and where the request file was said to be
cat > "$dir/stdin.json"
printf '%s\n%s\n' "$request_arg" "$NAUTILUS_REQUEST" > "$dir/paths.txt"
printf '%s' "$CUDA_VISIBLE_DEVICES" > "$dir/cuda.txt"
epochs=$(sed -n 's/.*"epochs":\([0-9]*\).*/\1/p' "$NAUTILUS_REQUEST")
echo "training trial $NAUTILUS_TRIAL on $NAUTILUS_DEVICE for $epochs epochs" >&2
case "$mode" in
  ok)
    e=1
    while [ "$e" -le "$epochs" ]; do
      echo "{\"epoch\": $e, \"metrics\": {\"loss\": 1.$e, \"val_accuracy\": 0.$e}}"
      echo ""
      e=$((e + 1))
    done
    echo '{"result": {"val_accuracy": 0.75, "test_accuracy": 0.5}}'
    ;;
  crash)
    echo '{"epoch": 1, "metrics": {"loss": 2.0}}'
    echo 'Traceback (most recent call last):' >&2
    echo 'RuntimeError: boom in epoch 2' >&2
    exit 3
    ;;
  hang)
    echo '{"epoch": 1, "metrics": {"loss": 2.0}}'
    sleep 600 &
    echo "$$ $!" > "$dir/pids.tmp"
    mv "$dir/pids.tmp" "$dir/pids.txt"
    wait
    ;;
  garbage)
    echo 'Epoch 1/3: loss=0.52 acc=0.81'
    ;;
  nan)
    echo '{"epoch": 1, "metrics": {"loss": NaN, "val_accuracy": 0.1}}'
    ;;
  error)
    echo '{"error": "CUDA out of memory", "retryable": true}'
    ;;
  skip)
    echo '{"epoch": 2, "metrics": {"loss": 2.0}}'
    ;;
  early)
    echo '{"epoch": 1, "metrics": {"loss": 2.0}}'
    echo '{"result": {"val_accuracy": 0.5}}'
    ;;
  fail_after_result)
    e=1
    while [ "$e" -le "$epochs" ]; do
      echo "{\"epoch\": $e, \"metrics\": {\"loss\": 1.0}}"
      e=$((e + 1))
    done
    echo '{"result": {"val_accuracy": 0.5}}'
    echo 'error while saving the model' >&2
    exit 1
    ;;
esac
