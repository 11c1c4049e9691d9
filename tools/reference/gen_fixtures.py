"""Generates the committed test fixtures from the PyTorch reference (spike2former_ref.py).

Run from the repository root:  /usr/bin/python3 tools/reference/gen_fixtures.py
Needs Debian's python3-torch (apt-get install python3-torch) and numpy. Deterministic (fixed seeds).
Writes into inference/src/test/resources/fixtures/ and prints the firing-rate report.
"""
from collections import OrderedDict, defaultdict
import os
import sys
import types

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spike2former_ref as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "inference", "src", "test",
                   "resources", "fixtures")
torch.set_num_threads(1)
ATTN_BIAS = (1.0, 2.0)  # q/k/v BN bias ~ U(1, 3)
SA_BIAS = (3.0, 2.0)  # decoder self-attention has only numQueries keys: U(3, 5)


# ------------------------------------------------------------------------------------------------
# 1. Official key lists
# ------------------------------------------------------------------------------------------------
def write_keys(name):
    cfg = ref.preset(name)
    sd = ref.Spike2Former(cfg).state_dict()
    c = ref.parameter_counts(sd)
    path = os.path.join(OUT, "official-keys-%s.tsv" % name)
    with open(path, "w") as f:
        f.write("# %s: total=%d backbone=%d pixel_decoder=%d transformer_decoder=%d rest=%d"
                " (weights+biases+BN affine; no running stats, no num_batches_tracked); classes=%d; keys=%d\n"
                % (name, c["total"], c["backbone"], c["pixel_decoder"], c["transformer_decoder"], c["rest"],
                   cfg.num_classes, len(sd)))
        for k, v in sd.items():
            f.write("%s\t%s\n" % (k, ",".join(str(s) for s in v.shape)))
    print("keys", name, dict(c))


# ------------------------------------------------------------------------------------------------
# 2. Micro model with healthy random values
# ------------------------------------------------------------------------------------------------
def randomise(model, g):
    def u(shape, lo, hi):
        return torch.rand(shape, generator=g) * (hi - lo) + lo

    for name, m in model.named_modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            m.weight.data = torch.randn(m.weight.shape, generator=g) / fan_in ** 0.5
            if m.bias is not None:
                m.bias.data = u(m.bias.shape, -0.1, 0.1)
        elif isinstance(m, nn.modules.batchnorm._BatchNorm):
            n = m.num_features
            m.running_var.data = u(n, 0.5, 2.0)
            m.running_mean.data = torch.randn(n, generator=g) * 0.1
            m.weight.data = u(n, 0.5, 1.5)
            m.bias.data = u(n, -0.2, 0.6)
            m.num_batches_tracked.data = torch.tensor(int(torch.randint(1000, 200000, (1,), generator=g)))
    head = model.decode_head
    head.query_feat.weight.data = torch.randn(head.query_feat.weight.shape, generator=g)
    head.query_embed.weight.data = torch.randn(head.query_embed.weight.shape, generator=g) * 0.5
    head.level_embed.weight.data = torch.randn(head.level_embed.weight.shape, generator=g) * 0.5
    head.w.data = u(1, 0.7, 1.3)
    for layer in head.pixel_decoder.encoder.layers:
        for p in (layer.gamma1, layer.gamma2, layer.gamma3):
            p.data = u(p.shape, 0.3, 1.0)


def call_order(model, x, kinds):
    order = []
    hooks = [m.register_forward_hook(lambda mod, i, o: order.append(mod) if mod not in order else None)
             for m in model.modules() if isinstance(m, kinds)]
    with torch.no_grad():
        ref.reset_net(model)
        model(x)
    for h in hooks:
        h.remove()
    return order


def capture(model, x, module):
    box = {}
    h = module.register_forward_hook(lambda mod, i, o: box.update(inp=i[0].detach(), out=o.detach()))
    with torch.no_grad():
        ref.reset_net(model)
        model(x)
    h.remove()
    return box


def calibrate(model, x, g):
    """In call order, sets each BN so that its output is ~N(bias, g^2) per channel (g in [0.5, 1.5]) while
    keeping running_var in [0.5, 2]; scales the linear layers that have no BN after them."""
    names = {m: n for n, m in model.named_modules()}
    free = {model.decode_head.pixel_decoder.mask_feature: 1.0, model.decode_head.mask_embed.fc1: 1.5,
            model.decode_head.mask_embed.fc2: 1.5, model.decode_head.mask_embed.fc_out: 1.0,
            model.decode_head.cls_embed: 2.0}
    kinds = (nn.modules.batchnorm._BatchNorm, nn.Linear, nn.Conv2d)
    for m in call_order(model, x, kinds):
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            inp = capture(model, x, m)["inp"]
            dims = [d for d in range(inp.dim()) if d != 1]
            mu, sd = inp.mean(dims), inp.std(dims)
            n = m.num_features
            gain = torch.rand(n, generator=g) + 0.5
            if names[m].endswith("offset.1"):
                gain = gain * 0.6
                m.bias.data = torch.rand(n, generator=g) - 0.5
            elif names[m].endswith(("q_conv.1", "k_conv.1", "v_conv.1")):
                # q, k, v spikes: denser, so that the attention products reach the next neuron's threshold
                lo, width = SA_BIAS if ".self_attn." in names[m] else ATTN_BIAS
                m.bias.data = torch.rand(n, generator=g) * width + lo
            m.running_mean.data = mu + torch.randn(n, generator=g) * 0.1 * sd
            scale = gain * torch.sqrt(m.running_var + m.eps) / sd.clamp_min(1e-6)
            m.weight.data = torch.where(sd > 1e-5, scale, torch.rand(n, generator=g) + 0.5)
        elif m in free:
            out = capture(model, x, m)["out"]
            ch = 1 if isinstance(m, nn.Conv2d) else -1
            dims = [d for d in range(out.dim()) if d != ch % out.dim()]
            sd = out.std(dims).clamp_min(1e-6)
            shape = [-1] + [1] * (m.weight.dim() - 1)
            m.weight.data = m.weight.data * (free[m] / sd).view(shape)
    # mask features on a 1/64 weight grid: mask features (multiples of 1/512) and mask logits are then exact
    # in float32 and compress well, which keeps the fixtures small
    mf = model.decode_head.pixel_decoder.mask_feature
    mf.weight.data = torch.round(mf.weight.data * 64) / 64
    mf.bias.data = torch.round(mf.bias.data * 64) / 64


class Stats:
    """Collects per-group firing statistics and near-boundary counts through QIFNode.observer."""

    GROUPS = [("backbone stage1 (1/2)", ("backbone.downsample1_1", "backbone.ConvBlock1_1")),
              ("backbone stage2 (1/4)", ("backbone.downsample1_2", "backbone.ConvBlock1_2")),
              ("backbone stage3 (1/8)", ("backbone.downsample2", "backbone.ConvBlock2")),
              ("backbone stage4 (1/16)", ("backbone.downsample3", "backbone.block3", "backbone.downsample4",
                                          "backbone.block4")),
              ("pixel decoder SDTE", ("decode_head.pixel_decoder.encoder", "decode_head.pixel_decoder.last_feat")),
              ("pixel decoder FPN", ("decode_head.pixel_decoder.",)),
              ("transformer decoder", ("decode_head.transformer_decoder",)),
              ("head SDME", ("decode_head.",))]

    def __init__(self, model):
        self.names = {m: n for n, m in model.named_modules()}
        self.acc = defaultdict(lambda: np.zeros(5))
        self.per_neuron = defaultdict(lambda: np.zeros(3))

    def group(self, name):
        for label, prefixes in self.GROUPS:
            if name.startswith(prefixes):
                return label
        return "other"

    def __call__(self, mod, v, spike):
        D = mod.levels
        frac = v - torch.floor(v)
        near = ((frac - 0.5).abs() < 1e-4) & (v > 0) & (v < D)
        a = self.acc[self.group(self.names[mod])]
        a += [spike.sum().item() / D, spike.numel(), (spike > 0).sum().item(), (spike == D).sum().item(),
              near.sum().item()]
        p = self.per_neuron[self.names[mod]]
        p += [spike.sum().item() / D, spike.numel(), (spike == D).sum().item()]

    def report(self, title):
        lines = ["%s: group | mean s/D | nonzero | saturated(=D) | |frac(v)-0.5|<1e-4" % title]
        for label, _ in self.GROUPS:
            s = self.acc.get(label)
            if s is not None:
                lines.append("  %-24s %.3f  %.3f  %.4f  %d/%d" % (label, s[0] / s[1], s[2] / s[1], s[3] / s[1],
                                                                   s[4], s[1]))
        rates = {n: p[0] / p[1] for n, p in self.per_neuron.items()}
        dead = [n for n, r in rates.items() if r == 0]
        sat = [n for n, p in self.per_neuron.items() if p[2] / p[1] > 0.5]
        lines.append("  neurons called=%d, min rate=%.3f (%s), max rate=%.3f, dead=%s, >50%% saturated=%s" % (
            len(rates), min(rates.values()), min(rates, key=rates.get), max(rates.values()), dead, sat))
        return "\n".join(lines)


def run(model, x, stats=None):
    rec = {}
    ref.QIFNode.observer = stats
    with torch.no_grad():
        seg = model(x, rec)
    ref.QIFNode.observer = None
    return seg, rec


def golden_arrays(prefix, x, seg, rec, full=True):
    a = OrderedDict()
    a[prefix + "input"] = x
    for i, f in enumerate(rec["backbone"]):
        a[prefix + "x%d" % (i + 1)] = f[0]
    if full:
        a[prefix + "mask_features"] = rec["mask_features"][0]
    a[prefix + "encoder_memory"] = rec["encoder_memory"][0]
    for name, m in zip(("memory_16", "memory_8", "memory_4"), rec["memories"]):
        a[prefix + name] = m[0]
    a[prefix + "queries"] = rec["queries"][:, 0]
    a[prefix + "cls_all"] = rec["cls"]
    a[prefix + "cls_logits"] = rec["cls"][-1]
    a[prefix + "mask_logits"] = rec["masks"][-1]
    if full:
        a[prefix + "seg_scores"] = seg
    out = OrderedDict((k, v.numpy().astype(np.float32)) for k, v in a.items())
    out[prefix + "seg_argmax"] = seg.argmax(1).numpy().astype(np.int32)
    return out


# ------------------------------------------------------------------------------------------------
# 3. mmengine-like checkpoint container (with classes the Java reader does not know)
# ------------------------------------------------------------------------------------------------
def fake_mmengine_history_buffer():
    for mod in ("mmengine", "mmengine.logging", "mmengine.logging.history_buffer"):
        sys.modules.setdefault(mod, types.ModuleType(mod))

    class HistoryBuffer:
        def __init__(self, values):
            self._log_history = np.asarray(values, dtype=np.float64)
            self._count_history = np.ones(len(values))
            self.max_length = 1000000

    HistoryBuffer.__module__ = "mmengine.logging.history_buffer"
    HistoryBuffer.__qualname__ = "HistoryBuffer"
    sys.modules["mmengine.logging.history_buffer"].HistoryBuffer = HistoryBuffer
    return HistoryBuffer


def mmengine_container(state_dict, classes):
    hb = fake_mmengine_history_buffer()
    meta = {
        "mmengine_version": "0.10.4",
        "time": "20250115_101010",
        "seed": 1234567,
        "experiment_name": "micro_spike2former",
        "env_info": "sys.platform: linux\nPython: 3.8.19\nPyTorch: 1.13.1+cu117",
        "config": "model = dict(type='EncoderDecoder', backbone=dict(type='Spiking_vit_MetaFormer'))",
        "dataset_meta": {"classes": tuple(classes), "palette": [[120, 120, 120], [180, 120, 120],
                                                                 [6, 230, 230], [80, 50, 50], [4, 200, 3]],
                         "label_map": None, "reduce_zero_label": False},
        "epoch": 0,
        "iter": 97500,
        "hook_msgs": {"best_score": np.float64(0.751), "best_ckpt": "work_dirs/best_mIoU_iter_97500.pth",
                      "last_ckpt": "work_dirs/iter_97500.pth"},
        "palette_array": np.arange(15, dtype=np.uint8).reshape(5, 3),
    }
    hub = {"log_scalars": {"train/loss": hb([1.5, 1.2, 0.9]), "train/lr": hb([1e-3, 9e-4])},
           "runtime_info": {"iter": 97500, "max_iters": 120000, "dataset_meta": meta["dataset_meta"]},
           "resumed_keys": {"iter": True, "max_iters": True}}
    return {"meta": meta, "state_dict": state_dict, "message_hub": hub,
            "param_schedulers": [{"start_factor": 1e-06, "last_step": 1500}, {"eta_min": 0.0, "power": 1.0}]}


# ------------------------------------------------------------------------------------------------
# 4. Small checkpoints for the reader and loader tests
# ------------------------------------------------------------------------------------------------
class Tree(nn.Module):
    """tree-checkpoint.pth: stem = Sequential(Conv2d(3,4,3,p1,bias), BN(4)); head = Sequential(Conv2d(4,2,1,
    no bias), Sequential(BN(2)))."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4))
        self.head = nn.Sequential(nn.Conv2d(4, 2, 1, bias=False), nn.Sequential(nn.BatchNorm2d(2)))


def tree_checkpoint(g):
    t = Tree()
    for i, (k, v) in enumerate(t.state_dict().items()):
        if v.dtype == torch.float32:
            v.copy_(torch.arange(v.numel(), dtype=torch.float32).view(v.shape) * 0.01 + i)
        else:
            v.fill_(7)
    return {"meta": {"note": "tree"}, "state_dict": t.state_dict()}


def dtype_checkpoint():
    base = torch.arange(24, dtype=torch.float32).view(4, 6)
    big = torch.arange(100, dtype=torch.float32)
    return OrderedDict([
        ("f32", base.clone()),
        ("f64", base.double() / 4),
        ("f16", base.half() / 4),
        ("bf16", base.bfloat16() / 4),
        ("i64", torch.arange(-3, 3, dtype=torch.int64)),
        ("i32", torch.arange(-3, 3, dtype=torch.int32)),
        ("u8", torch.arange(250, 256, dtype=torch.uint8)),
        ("bool", torch.tensor([True, False, True])),
        ("transposed", base.t()),  # shape 6x4, stride (1, 6)
        ("view_offset", big[10:22].view(3, 4)),  # storage offset 10, shares storage with slice_step
        ("slice_step", big[::7]),  # stride 7
        ("scalar", torch.tensor(3.5)),
        ("param", nn.Parameter(torch.ones(2, 2) * 2)),
    ])


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in ("ade20k", "cityscapes", "voc"):
        write_keys(name)

    g = torch.Generator().manual_seed(20250115)
    cfg = ref.preset("micro")
    model = ref.Spike2Former(cfg).eval()
    randomise(model, g)
    calib = torch.randn(2, 3, 64, 128, generator=g)
    calibrate(model, calib, g)

    # inputs on a 1/32 grid: exact in float32 and well compressible
    x_a = torch.round(torch.randn(2, 3, 64, 128, generator=g) * 32) / 32
    x_b = torch.round(torch.randn(2, 3, 64, 128, generator=g) * 32) / 32
    st_a, st_b = Stats(model), Stats(model)
    ref.reset_net(model)
    seg_a, rec_a = run(model, x_a, st_a)
    seg_b, rec_b = run(model, x_b, st_b)  # no reset: membrane carried from (a)
    print(st_a.report("fresh (a)"))
    print(st_b.report("carried (b)"))
    ref.reset_net(model)
    seg_a2, _ = run(model, x_a)
    assert torch.equal(seg_a, seg_a2), "fresh forward must be reproducible after reset"

    arrays = golden_arrays("fresh_", x_a, seg_a, rec_a)
    arrays.update(golden_arrays("carried_", x_b, seg_b, rec_b, full=False))
    np.savez_compressed(os.path.join(OUT, "micro-golden.npz"), **arrays)
    for k, v in arrays.items():
        print("npz", k, v.dtype, v.shape)

    classes = ["road", "building", "vegetation", "sky", "car"]
    sd = model.state_dict()
    torch.save(mmengine_container(sd, classes), os.path.join(OUT, "micro-checkpoint.pth"))
    print("micro params", dict(ref.parameter_counts(sd)), "keys", len(sd))

    torch.save(tree_checkpoint(g), os.path.join(OUT, "tree-checkpoint.pth"))
    torch.save(dtype_checkpoint(), os.path.join(OUT, "dtypes-checkpoint.pth"))
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print("fixtures total bytes", total)


if __name__ == "__main__":
    main()
