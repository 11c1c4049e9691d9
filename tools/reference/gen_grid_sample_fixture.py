#!/usr/bin/env python3
"""Reference fixtures for the Java ops DeformableSampling and Bilinear.

Run with Debian's PyTorch (python3-torch 1.13):

    /usr/bin/python3 tools/reference/gen_grid_sample_fixture.py

Writes inference/src/test/resources/fixtures/dcn_core.npz and interpolate.npz.

dcn_core.npz follows the approach of the official pure-PyTorch DCNv3 core used by Spike2Former
(ops_dcnv3/functions/dcnv3_func.py, dcnv3_core_pytorch): zero-pad the channels-last input by `pad`,
build reference points and kernel grids normalised by the padded size, add offsets divided by the
padded size, map to [-1, 1] and call F.grid_sample(bilinear, zeros, align_corners=False); then
weight by the mask (no softmax) and sum over the points. Written independently for the test.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "inference", "src", "test", "resources", "fixtures")


def dcn_core_reference(x, offset, mask, kernel, group, offset_scale):
    """x (N, H, W, C), offset (N, H, W, 2*G*K*K), mask (N, H, W, G*K*K) -> (N, H, W, C)."""
    pad = (kernel - 1) // 2
    n, h, w, c = x.shape
    gc = c // group
    points = kernel * kernel
    xp = F.pad(x, [0, 0, pad, pad, pad, pad])
    hp, wp = h + 2 * pad, w + 2 * pad
    centre = (kernel - 1) // 2 + 0.5
    ref_y, ref_x = torch.meshgrid(
        torch.linspace(centre, centre + h - 1, h), torch.linspace(centre, centre + w - 1, w), indexing="ij")
    ref = torch.stack((ref_x / wp, ref_y / hp), -1).reshape(1, h, w, 1, 2)
    lin = torch.linspace(-pad, pad, kernel)
    kx, ky = torch.meshgrid(lin, lin, indexing="ij")  # point p = a * K + b: x from a, y from b
    kgrid = torch.stack((kx / wp, ky / hp), -1).reshape(1, points, 2)
    kgrid = kgrid.repeat(group, 1, 1).reshape(1, 1, 1, group * points, 2)
    norm = torch.tensor([wp, hp], dtype=torch.float32).repeat(group * points).reshape(1, 1, 1, -1)
    loc = (ref + kgrid * offset_scale).repeat(n, 1, 1, 1, 1).flatten(3, 4) + offset * offset_scale / norm
    grid = (2 * loc - 1).view(n, h * w, group, points, 2).transpose(1, 2).flatten(0, 1)
    inp = xp.reshape(n, hp * wp, c).transpose(1, 2).reshape(n * group, gc, hp, wp)
    sampled = F.grid_sample(inp, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    m = mask.view(n, h * w, group, points).transpose(1, 2).reshape(n * group, 1, h * w, points)
    out = (sampled * m).sum(-1).view(n, c, h * w)
    return out.transpose(1, 2).reshape(n, h, w, c)


def dcn_fixture(gen):
    n, h, w, group, gc, kernel = 2, 5, 6, 3, 2, 3
    points = kernel * kernel
    x = torch.randn(n, h, w, group * gc, generator=gen)
    offset = 1.7 * torch.randn(n, h, w, 2 * group * points, generator=gen)
    far = torch.rand(offset.shape, generator=gen) < 0.15
    offset[far] += 6.0 * torch.sign(torch.randn(int(far.sum()), generator=gen))
    offset[0, 0, 0, :4] = torch.tensor([0.0, 0.0, -1.0, 2.0])  # integer positions
    mask = torch.randint(0, 9, (n, h, w, group * points), generator=gen).float() / 8.0
    out = dcn_core_reference(x, offset, mask, kernel, group, 1.0)
    out_half = dcn_core_reference(x, offset, mask, kernel, group, 0.5)
    np.savez(os.path.join(OUT, "dcn_core.npz"), x=x.numpy(), offset=offset.numpy(), mask=mask.numpy(),
             out=out.numpy(), out_scale_half=out_half.numpy(), groups=np.array([group], dtype=np.int64))


def interpolate_fixture(gen):
    x = torch.randn(2, 3, 5, 7, generator=gen)
    arrays = {"x": x}
    for name, size in {"up2": (10, 14), "up_frac": (8, 11), "down": (3, 4), "mixed": (7, 5)}.items():
        arrays[name] = F.interpolate(x, size=size, mode="bilinear", align_corners=False)
    np.savez(os.path.join(OUT, "interpolate.npz"), **{k: v.numpy() for k, v in arrays.items()})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(20250120)
    dcn_fixture(g)
    interpolate_fixture(g)
