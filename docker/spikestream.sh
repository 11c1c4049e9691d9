#!/bin/sh
# The image's entrypoint: runs the spikestream command line like the repository's ./spikestream launcher
# (same classpath layout, DJL offline and tracking opt-out; the malloc settings are ENV in the Dockerfile).
# SPIKESTREAM_JAVA_OPTS comes after the fixed flags so that it can override them, e.g.
# -Dai.djl.offline=false once to let DJL download CUDA libtorch (docker/README.md, "GPU").
set -eu
home="${SPIKESTREAM_HOME:-/opt/spikestream}"
# libtorch's C++ warnings (e.g. NNPACK on CPUs without it) stay off the console unless asked for
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
# shellcheck disable=SC2086 # the options are a list of words
exec java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true ${SPIKESTREAM_JAVA_OPTS:--XX:MaxRAMPercentage=50} \
  -cp "$home/classes:$home/lib/*" io.spikestream.app.SpikeStreamCli "$@"
