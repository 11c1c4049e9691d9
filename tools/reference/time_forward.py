"""Times the PyTorch reference's forward pass (backbone and decode head, fresh state, no gradients), for the peer
check beside `spikestream bench model` at the same size and thread count (docs/benchmarks.md).

    /usr/bin/python3 tools/reference/time_forward.py --preset tiny-cityscapes --height 256 --width 512 --threads 2

Prints `reference forward: median <ms> ms (p90 <ms> ms)`. Random weights: the amount of work does not depend on them,
but the firing does not matter here either, since every layer runs dense.
"""
import argparse
import statistics
import time

import torch

from spike2former_ref import Spike2Former, preset, reset_net


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="tiny-cityscapes")
    parser.add_argument("--height", type=int, default=256)
    parser.add_argument("--width", type=int, default=512)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Spike2Former(preset(args.preset)).eval()
    image = torch.randn(1, 3, args.height, args.width)
    times = []
    with torch.no_grad():
        for i in range(args.warmup + args.runs):
            reset_net(model)
            start = time.perf_counter()
            model.decode_head(model.backbone(image), None)
            if i >= args.warmup:
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    print("reference forward: median %.1f ms (p90 %.1f ms), torch %s, %d threads, %s at %dx%d"
          % (statistics.median(times), p90, torch.__version__, args.threads, args.preset, args.height, args.width))


if __name__ == "__main__":
    main()
