"""Independent PyTorch reference of the released Spike2Former semantic segmentation model.

Written from a reading of BICLab/Spike2Former (Segmentation/, commit f743860 and the released configs of
4b0d0ff/58005b4); no code is copied. The official code needs mmseg/mmdet/mmcv, which cannot run here.

Guarantees:
  * the nn.Module attribute tree is the official one, so ``state_dict()`` has exactly the official keys,
    shapes and order (including modules built but unused in forward, BN buffers, num_batches_tracked);
  * ``Spike2Former.forward`` computes what the official ``EncoderDecoder`` + ``MaskFormerHead.predict``
    compute in inference with T = 1, keeping the reshape-instead-of-permute quirks;
  * every Q_IFNode is a :class:`QIFNode` that keeps its membrane potential until :func:`reset_net`.

Tensors carry the official leading T axis (always 1 here). Requires only torch (tested with 1.13).
"""
from collections import OrderedDict
from dataclasses import dataclass, field
import math
from typing import List

import torch
import torch.nn.functional as F
from torch import nn


# --------------------------------------------------------------------------------------------------
# Hyper-parameters (same names and meaning as io.spikestream.inference.model.Spike2FormerConfig)
# --------------------------------------------------------------------------------------------------
@dataclass
class Config:
    name: str = "ade20k"
    num_classes: int = 150
    embed_dims: List[int] = field(default_factory=lambda: [64, 128, 256, 360])
    backbone_heads: int = 8
    mlp_ratio: int = 4
    stage3_blocks: int = 6
    stage4_blocks: int = 2
    pixel_dim: int = 256
    encoder_layers: int = 6
    encoder_ffn: int = 1024
    dcn_groups: int = 32
    dcn_kernel: int = 5
    decoder_layers: int = 6
    decoder_heads: int = 8
    decoder_ffn: int = 2048
    num_queries: int = 100
    spike_levels: int = 8
    head_alpha: float = 4.0


def preset(name: str) -> Config:
    """Released architectures, as in the released configs (configs/Spike2Former/released/*.py).

    Note: the released VOC config (VOC2012_1x4_iter97500.py) sets num_classes=150 for the head, so its
    checkpoint has a 151-way cls_embed although VOC has 21 classes.
    """
    if name == "ade20k":
        return Config(name="ade20k", num_classes=150)
    if name == "cityscapes":
        return Config(name="cityscapes", num_classes=19)
    if name == "voc":
        return Config(name="voc", num_classes=150)
    if name == "tiny-cityscapes":
        return Config(name="tiny-cityscapes", num_classes=19, embed_dims=[32, 64, 128, 192], stage3_blocks=2,
                      stage4_blocks=1, pixel_dim=128, encoder_layers=2, encoder_ffn=512, dcn_groups=16,
                      decoder_layers=3, decoder_ffn=512, num_queries=50)
    if name == "micro":
        return Config(name="micro", num_classes=5, embed_dims=[8, 16, 32, 48], backbone_heads=8, mlp_ratio=4,
                      stage3_blocks=1, stage4_blocks=1, pixel_dim=32, encoder_layers=1, encoder_ffn=64,
                      dcn_groups=4, dcn_kernel=5, decoder_layers=3, decoder_heads=8, decoder_ffn=64,
                      num_queries=10, spike_levels=8, head_alpha=4.0)
    raise ValueError("unknown preset " + name)


# --------------------------------------------------------------------------------------------------
# Neuron: Q_IFNode with quant (Qtrick_architecture/clock_driven/{neuron,surrogate}.py)
# --------------------------------------------------------------------------------------------------
class QIFNode(nn.Module):
    """IF neuron: v += x; s = round(clamp(v, 0, D)); v -= s (v_threshold 1); returns s / D.

    The membrane ``v`` is a plain attribute (spikingjelly memory, not a buffer): no state_dict entry.
    ``observer`` (optional callable) sees (module, v_before_fire, spike_int) for statistics.
    """

    observer = None

    def __init__(self, levels: int):
        super().__init__()
        self.levels = levels
        self.v = 0.0

    def reset(self):
        self.v = 0.0

    def forward(self, x):
        self.v = self.v + x
        spike = torch.round(torch.clamp(self.v, 0, self.levels))
        if QIFNode.observer is not None:
            QIFNode.observer(self, self.v, spike)
        self.v = self.v - spike * 1.0
        return spike / self.levels


def reset_net(model: nn.Module):
    """functional.reset_net: every neuron back to v = 0."""
    for m in model.modules():
        if isinstance(m, QIFNode):
            m.reset()


# --------------------------------------------------------------------------------------------------
# Backbone: Spiking_vit_MetaFormer (mmseg/models/backbones/sdtv2.py)
# --------------------------------------------------------------------------------------------------
class BNAndPadLayer(nn.Module):
    def __init__(self, pad_pixels, num_features):
        super().__init__()
        self.bn = nn.BatchNorm2d(num_features)
        self.pad_pixels = pad_pixels

    def forward(self, x):
        out = self.bn(x)
        p = self.pad_pixels
        if p > 0:
            bn = self.bn
            pad_values = bn.bias.detach() - bn.running_mean * bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
            out = F.pad(out, [p] * 4)
            pv = pad_values.view(1, -1, 1, 1)
            out[:, :, 0:p, :] = pv
            out[:, :, -p:, :] = pv
            out[:, :, :, 0:p] = pv
            out[:, :, :, -p:] = pv
        return out


class RepConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cin, 1, 1, 0, bias=False),
            BNAndPadLayer(1, cin),
            nn.Sequential(nn.Conv2d(cin, cin, 3, 1, 0, groups=cin, bias=False),
                          nn.Conv2d(cin, cout, 1, 1, 0, bias=False),
                          nn.BatchNorm2d(cout)))

    def forward(self, x):
        return self.body(x)


class SepConv(nn.Module):
    """Backbone SepConv: no spike between dwconv and pwconv2."""

    def __init__(self, dim, D, expansion_ratio=2, kernel_size=7, padding=3):
        super().__init__()
        med = int(expansion_ratio * dim)
        self.spike1 = QIFNode(D)
        self.pwconv1 = nn.Conv2d(dim, med, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(med)
        self.spike2 = QIFNode(D)
        self.dwconv = nn.Conv2d(med, med, kernel_size, padding=padding, groups=med, bias=False)
        self.pwconv2 = nn.Conv2d(med, dim, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(dim)

    def forward(self, x):
        T, B, C, H, W = x.shape
        x = self.spike1(x)
        x = self.bn1(self.pwconv1(x.flatten(0, 1))).reshape(T, B, -1, H, W)
        x = self.spike2(x)
        x = self.dwconv(x.flatten(0, 1))
        return self.bn2(self.pwconv2(x)).reshape(T, B, C, H, W)


class MSConvBlock(nn.Module):
    def __init__(self, dim, mlp_ratio, D):
        super().__init__()
        self.Conv = SepConv(dim, D)
        self.mlp_ratio = mlp_ratio
        self.spike1 = QIFNode(D)
        self.conv1 = nn.Conv2d(dim, dim * mlp_ratio, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(dim * mlp_ratio)
        self.spike2 = QIFNode(D)
        self.conv2 = nn.Conv2d(dim * mlp_ratio, dim, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(dim)

    def forward(self, x):
        T, B, C, H, W = x.shape
        x = self.Conv(x) + x
        feat = x
        x = self.spike1(x)
        x = self.bn1(self.conv1(x.flatten(0, 1))).reshape(T, B, self.mlp_ratio * C, H, W)
        x = self.spike2(x)
        x = self.bn2(self.conv2(x.flatten(0, 1))).reshape(T, B, C, H, W)
        return feat + x


class BackboneMLP(nn.Module):
    """sdtv2.MS_MLP: correct layout on both sides."""

    def __init__(self, cin, hidden, D):
        super().__init__()
        self.fc1_conv = nn.Conv1d(cin, hidden, 1, 1)
        self.fc1_bn = nn.BatchNorm1d(hidden)
        self.fc1_spike = QIFNode(D)
        self.fc2_conv = nn.Conv1d(hidden, cin, 1, 1)
        self.fc2_bn = nn.BatchNorm1d(cin)
        self.fc2_spike = QIFNode(D)
        self.c_hidden = hidden

    def forward(self, x):
        T, B, C, H, W = x.shape
        N = H * W
        x = self.fc1_spike(x.flatten(3))
        x = self.fc1_bn(self.fc1_conv(x.flatten(0, 1))).reshape(T, B, self.c_hidden, N)
        x = self.fc2_spike(x)
        return self.fc2_bn(self.fc2_conv(x.flatten(0, 1))).reshape(T, B, C, H, W)


class MSAttention(nn.Module):
    """MS_Attention_RepConv_qkv_id: out = q (k^T v) * (C/heads)^-0.5, no softmax."""

    def __init__(self, dim, heads, D):
        super().__init__()
        self.num_heads = heads
        self.scale = (dim // heads) ** -0.5
        self.head_spike = QIFNode(D)
        self.q_conv = nn.Sequential(RepConv(dim, dim), nn.BatchNorm2d(dim))
        self.k_conv = nn.Sequential(RepConv(dim, dim), nn.BatchNorm2d(dim))
        self.v_conv = nn.Sequential(RepConv(dim, dim), nn.BatchNorm2d(dim))
        self.q_spike = QIFNode(D)
        self.k_spike = QIFNode(D)
        self.v_spike = QIFNode(D)
        self.attn_spike = QIFNode(D)
        self.proj_conv = nn.Sequential(RepConv(dim, dim), nn.BatchNorm2d(dim))

    def _heads(self, t, T, B, N, C):
        t = t.flatten(3).transpose(-1, -2).reshape(T, B, N, self.num_heads, C // self.num_heads)
        return t.permute(0, 1, 3, 2, 4).contiguous()

    def forward(self, x):
        T, B, C, H, W = x.shape
        N = H * W
        x = self.head_spike(x)
        q = self.q_conv(x.flatten(0, 1)).reshape(T, B, C, H, W)
        k = self.k_conv(x.flatten(0, 1)).reshape(T, B, C, H, W)
        v = self.v_conv(x.flatten(0, 1)).reshape(T, B, C, H, W)
        q = self._heads(self.q_spike(q), T, B, N, C)
        k = self._heads(self.k_spike(k), T, B, N, C)
        v = self._heads(self.v_spike(v), T, B, N, C)
        x = k.transpose(-2, -1) @ v
        x = (q @ x) * self.scale
        x = x.transpose(3, 4).reshape(T, B, C, N).contiguous()
        x = self.attn_spike(x)
        x = x.reshape(T, B, C, H, W).flatten(0, 1)
        return self.proj_conv(x).reshape(T, B, C, H, W)


class MSBlock(nn.Module):
    def __init__(self, dim, heads, mlp_ratio, D):
        super().__init__()
        self.attn = MSAttention(dim, heads, D)
        self.drop_path = nn.Identity()
        self.mlp = BackboneMLP(dim, int(dim * mlp_ratio), D)

    def forward(self, x):
        x = x + self.attn(x)
        return x + self.mlp(x)


class MSDownSampling(nn.Module):
    def __init__(self, cin, cout, kernel, stride, padding, first_layer, D):
        super().__init__()
        self.encode_conv = nn.Conv2d(cin, cout, kernel, stride, padding)
        self.encode_bn = nn.BatchNorm2d(cout)
        if not first_layer:
            self.encode_spike = QIFNode(D)

    def forward(self, x):
        T, B = x.shape[:2]
        if hasattr(self, "encode_spike"):
            x = self.encode_spike(x)
        x = self.encode_conv(x.flatten(0, 1))
        H, W = x.shape[-2:]
        return self.encode_bn(x).reshape(T, B, -1, H, W)


class Backbone(nn.Module):
    """Spiking_vit_MetaFormer in decode_mode 'Qsnn' (returns [x1..x4] with the T axis)."""

    def __init__(self, cfg: Config, in_channels=3):
        super().__init__()
        d, D, r = cfg.embed_dims, cfg.spike_levels, cfg.mlp_ratio
        self.T = 1
        self.downsample1_1 = MSDownSampling(in_channels, d[0] // 2, 7, 2, 3, True, D)
        self.ConvBlock1_1 = nn.ModuleList([MSConvBlock(d[0] // 2, r, D)])
        self.downsample1_2 = MSDownSampling(d[0] // 2, d[0], 3, 2, 1, False, D)
        self.ConvBlock1_2 = nn.ModuleList([MSConvBlock(d[0], r, D)])
        self.downsample2 = MSDownSampling(d[0], d[1], 3, 2, 1, False, D)
        self.ConvBlock2_1 = nn.ModuleList([MSConvBlock(d[1], r, D)])
        self.ConvBlock2_2 = nn.ModuleList([MSConvBlock(d[1], r, D)])
        self.downsample3 = MSDownSampling(d[1], d[2], 3, 2, 1, False, D)
        self.block3 = nn.ModuleList([MSBlock(d[2], cfg.backbone_heads, r, D) for _ in range(cfg.stage3_blocks)])
        self.downsample4 = MSDownSampling(d[2], d[3], 3, 1, 1, False, D)
        self.block4 = nn.ModuleList([MSBlock(d[3], cfg.backbone_heads, r, D) for _ in range(cfg.stage4_blocks)])

    def forward(self, x):
        x = x.unsqueeze(0).repeat(self.T, 1, 1, 1, 1)
        x = self.downsample1_1(x)
        for blk in self.ConvBlock1_1:
            x = blk(x)
        x1 = x
        x = self.downsample1_2(x)
        for blk in self.ConvBlock1_2:
            x = blk(x)
        x2 = x
        x = self.downsample2(x)
        for blk in list(self.ConvBlock2_1) + list(self.ConvBlock2_2):
            x = blk(x)
        x3 = x
        x = self.downsample3(x)
        for blk in self.block3:
            x = blk(x)
        x = self.downsample4(x)
        for blk in self.block4:
            x = blk(x)
        return [x1, x2, x3, x]


# --------------------------------------------------------------------------------------------------
# Pixel decoder: DCNTransformerEncoderPixelDecoder (mmdet/models/layers/pixel_decoder.py)
# --------------------------------------------------------------------------------------------------
class SepConvSpike(nn.Module):
    """SNN_core.SepConv_Spike on channels-last (T, B, H, W, C) input."""

    def __init__(self, dim, D, expansion_ratio=2, kernel_size=7, padding=3):
        super().__init__()
        med = int(expansion_ratio * dim)
        self.expansion_ratio = expansion_ratio
        self.spike1 = QIFNode(D)
        self.pwconv1 = nn.Sequential(nn.Conv2d(dim, med, 1, 1, bias=False), nn.BatchNorm2d(med))
        self.spike2 = QIFNode(D)
        self.dwconv = nn.Sequential(nn.Conv2d(med, med, kernel_size, padding=padding, groups=med, bias=False),
                                    nn.BatchNorm2d(med))
        self.spike3 = QIFNode(D)
        self.pwconv2 = nn.Sequential(nn.Conv2d(med, dim, 1, 1, bias=False), nn.BatchNorm2d(dim))

    def forward(self, x):
        T, B, H, W, C = x.shape
        e = C * self.expansion_ratio
        x = self.spike1(x.permute(0, 1, 4, 2, 3).contiguous())
        x = self.pwconv1(x.flatten(0, 1)).reshape(T, B, e, H, W)
        x = self.spike2(x)
        x = self.dwconv(x.flatten(0, 1)).reshape(T, B, e, H, W)
        x = self.spike3(x)
        x = self.pwconv2(x.flatten(0, 1)).reshape(T, B, C, H, W)
        return x.permute(0, 1, 3, 4, 2).contiguous()


def dcnv3_core(inp, offset, mask, k, pad, group, group_channels, offset_scale=1.0):
    """Pure-PyTorch DCNv3 core (stride 1, dilation 1): zero-pad, grid_sample(bilinear, zeros, align False).

    inp (N, H, W, C); offset (N, H, W, G*K*K*2) as (x, y) pairs per point; mask (N, H, W, G*K*K).
    Point p = a*K + b has dx = a - (K-1)/2 and dy = b - (K-1)/2 (x varies slowest).
    """
    inp = F.pad(inp, [0, 0, pad, pad, pad, pad])
    N, Hin, Win, _ = inp.shape
    _, Hout, Wout, _ = offset.shape
    half = (k - 1) // 2
    ys = torch.linspace(half + 0.5, half + 0.5 + (Hout - 1), Hout, dtype=torch.float32)
    xs = torch.linspace(half + 0.5, half + 0.5 + (Wout - 1), Wout, dtype=torch.float32)
    ref_y, ref_x = torch.meshgrid(ys, xs, indexing="ij")
    ref = torch.stack((ref_x.reshape(-1)[None] / Win, ref_y.reshape(-1)[None] / Hin), -1).reshape(1, Hout, Wout, 1, 2)
    lin = torch.linspace(-half, -half + (k - 1), k, dtype=torch.float32)
    gx, gy = torch.meshgrid(lin, lin, indexing="ij")
    grid = torch.stack([gx / Win, gy / Hin], -1).reshape(-1, 1, 2).repeat(1, group, 1).permute(1, 0, 2)
    grid = grid.reshape(1, 1, 1, group * k * k, 2)
    norm = torch.tensor([Win, Hin]).reshape(1, 1, 1, 2).repeat(1, 1, 1, group * k * k)
    loc = (ref + grid * offset_scale).repeat(N, 1, 1, 1, 1).flatten(3, 4) + offset * offset_scale / norm
    P = k * k
    grids = 2 * loc - 1
    inp_ = inp.view(N, Hin * Win, group * group_channels).transpose(1, 2).reshape(N * group, group_channels, Hin, Win)
    grid_ = grids.view(N, Hout * Wout, group, P, 2).transpose(1, 2).flatten(0, 1)
    sampled = F.grid_sample(inp_, grid_, mode="bilinear", padding_mode="zeros", align_corners=False)
    mask = mask.view(N, Hout * Wout, group, P).transpose(1, 2).reshape(N * group, 1, Hout * Wout, P)
    out = (sampled * mask).sum(-1).view(N, group * group_channels, Hout * Wout)
    return out.transpose(1, 2).reshape(N, Hout, Wout, -1).contiguous()


class DCNv3(nn.Module):
    """ops_dcnv3.modules.DCNv3_pytorch as configured by DCNDetrTransformerEncoderLayer (k 3, expansion 2)."""

    def __init__(self, channels, group, dw_kernel_size, D, kernel_size=3, expension_ratio=2):
        super().__init__()
        self.kernel_size = kernel_size
        self.group = group
        self.group_channels = channels // group
        self.pad = 1
        self.offset_scale = 1.0
        self.dw_spike = QIFNode(D)
        self.offset_spike = QIFNode(D)
        self.mask_spike = QIFNode(D)
        self.dw_conv = nn.Sequential(nn.Conv2d(channels, channels, dw_kernel_size, padding=(dw_kernel_size - 1) // 2,
                                               groups=channels, bias=False), nn.BatchNorm2d(channels))
        kk = group * kernel_size * kernel_size
        self.offset = nn.Sequential(nn.Conv2d(channels, kk * 2, 1, 1), nn.BatchNorm2d(kk * 2))
        self.mask = nn.Sequential(nn.Conv2d(channels, kk, 1, 1), nn.BatchNorm2d(kk))
        pad = (dw_kernel_size - 1) // 2
        self.input_proj = SepConvSpike(channels, D, expension_ratio, dw_kernel_size, pad)
        self.output_proj = SepConvSpike(channels, D, expension_ratio, dw_kernel_size, pad)

    def forward(self, inp):
        T, N, H, W, C = inp.shape
        x = self.input_proj(inp)
        x1 = self.dw_spike(inp.permute(0, 1, 4, 2, 3).contiguous())
        x1 = self.dw_conv(x1.flatten(0, 1)).reshape(T, N, C, H, W)
        x1 = self.offset_spike(x1)
        offset = self.offset(x1.flatten(0, 1)).reshape(T, N, H, W, -1)  # quirk: NCHW buffer read as NHWC
        mask = self.mask(x1.flatten(0, 1)).reshape(T, N, H, W, self.group, -1).reshape(T, N, H, W, -1)  # quirk
        mask = self.mask_spike(mask)
        x = dcnv3_core(x.flatten(0, 1), offset.flatten(0, 1), mask.flatten(0, 1), self.kernel_size, self.pad,
                       self.group, self.group_channels, self.offset_scale)
        return self.output_proj(x.reshape(T, N, H, W, C))


class EncoderMLP(nn.Module):
    """mmcv_spike.transformer.MS_MLP: input permuted correctly, output reshaped (quirk)."""

    def __init__(self, embed_dims, feedforward_channels, D):
        super().__init__()
        self.feedforward_channels = feedforward_channels
        self.fc1_spike = QIFNode(D)
        self.fc1_conv = nn.Conv1d(embed_dims, feedforward_channels, 1, 1)
        self.fc1_bn = nn.BatchNorm1d(feedforward_channels)
        self.fc2_spike = QIFNode(D)
        self.fc2_conv = nn.Conv1d(feedforward_channels, embed_dims, 1, 1)
        self.fc2_bn = nn.BatchNorm1d(embed_dims)

    def forward(self, x):
        T, B, H, W, C = x.shape
        N = H * W
        x = x.permute(0, 1, 4, 2, 3).contiguous().flatten(3)
        x = self.fc1_spike(x)
        x = self.fc1_bn(self.fc1_conv(x.flatten(0, 1))).reshape(T, B, self.feedforward_channels, N)
        x = self.fc2_spike(x)
        return self.fc2_bn(self.fc2_conv(x.flatten(0, 1))).reshape(T, B, H, W, C)  # quirk: no transpose


class DCNEncoderLayer(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        c, D = cfg.pixel_dim, cfg.spike_levels
        self.embed_dims = c
        self.Conv = SepConvSpike(c, D, expansion_ratio=2, kernel_size=3, padding=1)
        self.dcn = DCNv3(c, cfg.dcn_groups, cfg.dcn_kernel, D)
        self.ffn = EncoderMLP(c, cfg.encoder_ffn, D)
        self.gamma1 = nn.Parameter(1e-6 * torch.ones(c))
        self.gamma2 = nn.Parameter(1e-6 * torch.ones(c))
        self.gamma3 = nn.Parameter(1e-6 * torch.ones(c))

    def forward(self, q):
        q = q + self.gamma1 * self.Conv(q)
        q = q + self.gamma2 * self.dcn(q)
        return q + self.gamma3 * self.ffn(q)


class DCNEncoder(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.layers = nn.ModuleList([DCNEncoderLayer(cfg) for _ in range(cfg.encoder_layers)])
        self.embed_dims = cfg.pixel_dim

    def forward(self, query):
        for layer in self.layers:
            query = layer(query)
        return query


class SinePositionalEncoding(nn.Module):
    """mmdet SinePositionalEncoding (normalize=True, scale 2*pi, eps 1e-6, offset 0): (B, 2F, H, W)."""

    def __init__(self, num_feats, temperature=10000, normalize=True, scale=2 * math.pi, eps=1e-6):
        super().__init__()
        self.num_feats, self.temperature, self.normalize, self.scale, self.eps = \
            num_feats, temperature, normalize, scale, eps

    def forward(self, mask):
        not_mask = 1 - mask.to(torch.int)
        y = not_mask.cumsum(1, dtype=torch.float32)
        x = not_mask.cumsum(2, dtype=torch.float32)
        if self.normalize:
            y = y / (y[:, -1:, :] + self.eps) * self.scale
            x = x / (x[:, :, -1:] + self.eps) * self.scale
        dim_t = torch.arange(self.num_feats, dtype=torch.float32)
        dim_t = self.temperature ** (2 * (dim_t // 2) / self.num_feats)
        px = x[:, :, :, None] / dim_t
        py = y[:, :, :, None] / dim_t
        B, H, W = mask.size()
        px = torch.stack((px[:, :, :, 0::2].sin(), px[:, :, :, 1::2].cos()), dim=4).view(B, H, W, -1)
        py = torch.stack((py[:, :, :, 0::2].sin(), py[:, :, :, 1::2].cos()), dim=4).view(B, H, W, -1)
        return torch.cat((py, px), dim=3).permute(0, 3, 1, 2)


class PixelDecoder(nn.Module):
    """DCNTransformerEncoderPixelDecoder. Attribute order follows the official construction: the parent
    PixelDecoder registers lateral/output convs, last_feat_conv_spike, last_feat_conv (then set to None),
    mask_feature_spike and mask_feature, which the subclass then replaces in place."""

    def __init__(self, cfg: Config):
        super().__init__()
        D, c = cfg.spike_levels, cfg.pixel_dim
        ins = [cfg.embed_dims[0] // 2, cfg.embed_dims[0], cfg.embed_dims[1], cfg.embed_dims[3]]
        self.num_inputs = len(ins)
        self.lateral_convs = nn.ModuleList()
        self.lateral_convs_spike = nn.ModuleList()
        self.output_convs = nn.ModuleList()
        self.output_convs_spike = nn.ModuleList()
        for i in range(self.num_inputs - 1):
            self.lateral_convs.append(nn.Sequential(nn.Conv2d(ins[i], c, 1, 1), nn.BatchNorm2d(c)))
            self.lateral_convs_spike.append(QIFNode(D))
            self.output_convs.append(nn.Sequential(nn.Conv2d(c, c, 3, padding=1, groups=c, bias=False),
                                                   nn.BatchNorm2d(c)))
            self.output_convs_spike.append(QIFNode(D))
        # Used in forward in place of encoder_in_proj_spike (pixel_decoder.py line 435).
        self.last_feat_conv_spike = QIFNode(D)
        self.last_feat_conv = None
        self.mask_feature_spike = QIFNode(D)
        self.mask_feature = nn.Conv2d(c, c, 1, 1)
        self.encoder = DCNEncoder(cfg)
        self.encoder_embed_dims = c
        self.positional_encoding = SinePositionalEncoding(c // 2)
        self.encoder_in_proj_spike = QIFNode(D)  # constructed, never called
        self.encoder_in_proj = nn.Sequential(nn.Conv2d(ins[-1], c, 1, 1), nn.BatchNorm2d(c))
        self.encoder_out_proj_spike = QIFNode(D)
        self.encoder_out_proj = nn.Sequential(nn.Conv2d(c, c, 1, 1), nn.BatchNorm2d(c))

    def forward(self, feats):
        t, bs, _, h, w = feats[-1].shape
        e = self.encoder_embed_dims
        f = self.last_feat_conv_spike(feats[-1])
        f = self.encoder_in_proj(f.flatten(0, 1)).reshape(t, bs, e, h, w).permute(0, 1, 3, 4, 2)
        memory = self.encoder(query=f)
        memory = memory.permute(0, 1, 4, 2, 3).reshape(t, bs, e, h, w).contiguous()
        memory = self.encoder_out_proj_spike(memory)
        y = self.encoder_out_proj(memory.flatten(0, 1)).reshape(t, bs, e, h, w)
        out = [y]
        for i in range(self.num_inputs - 2, -1, -1):
            x = self.lateral_convs_spike[i](feats[i])
            cur = self.lateral_convs[i](x.flatten(0, 1))
            y = cur + F.interpolate(y.flatten(0, 1), size=cur.shape[-2:], mode="bilinear", align_corners=False)
            _, C, H, W = y.shape
            y = self.output_convs_spike[i](y.reshape(t, bs, C, H, W))
            y = self.output_convs[i](y.flatten(0, 1)).reshape(t, bs, C, H, W)
            out.append(y)
        y = self.mask_feature_spike(y)
        mf = self.mask_feature(y.flatten(0, 1))
        _, C, H, W = mf.shape
        return mf.reshape(t, bs, C, H, W), memory, out[:3]


# --------------------------------------------------------------------------------------------------
# Transformer decoder (detr_layers.py + mmcv_spike/transformer.py)
# --------------------------------------------------------------------------------------------------
class AttentionBlock(nn.Module):
    """MultiHeadAttentionBlock / CrossMultiHeadAttentionBlock (identical code): scores = q k^T / sqrt(C)."""

    def __init__(self, embed_dims, heads, D):
        super().__init__()
        self.num_heads = heads
        self.embed_dim = embed_dims
        self.scale = (embed_dims // heads) ** -0.5  # unused in forward, as in the official code

        def proj():
            return nn.Sequential(nn.Conv1d(embed_dims, embed_dims, 1, 1), nn.BatchNorm1d(embed_dims))

        self.q_conv_spike = QIFNode(D)
        self.q_conv = proj()
        self.k_conv_spike = QIFNode(D)
        self.k_conv = proj()
        self.v_conv_spike = QIFNode(D)
        self.v_conv = proj()
        self.q_spike = QIFNode(D)
        self.k_spike = QIFNode(D)
        self.v_spike = QIFNode(D)
        self.attn_spike = QIFNode(D)
        self.out_conv = proj()

    def _proj(self, x, pre, conv, post, t, b, n, dim):
        x = pre(x).permute(0, 1, 3, 2)
        x = conv(x.flatten(0, 1))
        return post(x.permute(0, 2, 1).reshape(t, b, n, dim).contiguous())

    def _split(self, x):
        s = self.embed_dim // self.num_heads
        return torch.stack(torch.split(x, s, dim=3), dim=3).permute(0, 1, 3, 2, 4).contiguous()

    def forward(self, query, key, value):
        t, b, nq, dim = query.shape
        nk = key.shape[2]
        q = self._proj(query, self.q_conv_spike, self.q_conv, self.q_spike, t, b, nq, dim)
        k = self._proj(key, self.k_conv_spike, self.k_conv, self.k_spike, t, b, nk, dim)
        v = self._proj(value, self.v_conv_spike, self.v_conv, self.v_spike, t, b, nk, dim)
        qs, ks, vs = self._split(q), self._split(k), self._split(v)
        scores = torch.matmul(qs, ks.transpose(3, 4)) / (self.embed_dim ** 0.5)
        out = torch.matmul(scores, vs)
        out = torch.cat(torch.split(out, 1, dim=2), dim=4).squeeze(2)
        out = self.attn_spike(out).permute(0, 1, 3, 2).contiguous()
        return self.out_conv(out.flatten(0, 1)).permute(0, 2, 1).reshape(t, b, nq, dim).contiguous()


class MultiheadAttention(nn.Module):
    """mmcv_spike.transformer.MultiheadAttention wrapper: adds query_pos to query, key_pos to key."""

    def __init__(self, embed_dims, heads, D):
        super().__init__()
        self.embed_dims = embed_dims
        self.attn = AttentionBlock(embed_dims, heads, D)

    def forward(self, query, key, value, query_pos, key_pos):
        return self.attn(query + query_pos, key + key_pos, value)


class DecoderFFN(nn.Module):
    """MSDA_FFN: (t, b, N, C) reshaped (not transposed) to (t, b, C, N) and back (quirk)."""

    def __init__(self, embed_dims, feedforward_channels, D):
        super().__init__()
        self.feedforward_channels = feedforward_channels
        self.fc1_spike = QIFNode(D)
        self.fc1 = nn.Conv1d(embed_dims, feedforward_channels, 1, 1)
        self.bn1 = nn.BatchNorm1d(feedforward_channels)
        self.fc2_spike = QIFNode(D)
        self.fc2 = nn.Conv1d(feedforward_channels, embed_dims, 1, 1)
        self.bn2 = nn.BatchNorm1d(embed_dims)

    def forward(self, x):
        t, bs, N, C = x.shape
        out = self.fc1_spike(x).reshape(t, bs, C, N)
        out = self.bn1(self.fc1(out.flatten(0, 1))).reshape(t, bs, self.feedforward_channels, N)
        out = self.fc2_spike(out)
        return self.bn2(self.fc2(out.flatten(0, 1))).reshape(t, bs, N, C)


class DecoderLayer(nn.Module):
    """DetrTransformerDecoderLayer: built self_attn, cross_attn, ffn; runs CA, SA, FFN."""

    def __init__(self, cfg: Config):
        super().__init__()
        c, D = cfg.pixel_dim, cfg.spike_levels
        self.self_attn = MultiheadAttention(c, cfg.decoder_heads, D)
        self.cross_attn = MultiheadAttention(c, cfg.decoder_heads, D)
        self.embed_dims = c
        self.ffn = DecoderFFN(c, cfg.decoder_ffn, D)

    def forward(self, query, key, value, query_pos, key_pos):
        query = query + self.cross_attn(query, key, value, query_pos, key_pos)
        query = query + self.self_attn(query, query, query, query_pos, query_pos)
        return query + self.ffn(query)


class TransformerDecoder(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.layers = nn.ModuleList([DecoderLayer(cfg) for _ in range(cfg.decoder_layers)])
        self.embed_dims = cfg.pixel_dim


class HeadMLP(nn.Module):
    """SNN_core.MLP: fc_out(a*SN(fc2(a*SN(fc1(x)))))."""

    def __init__(self, dim, out_dim, alpha, D):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim, bias=False)
        self.spike1 = QIFNode(D)
        self.fc2 = nn.Linear(dim, dim, bias=False)
        self.spike2 = QIFNode(D)
        self.fc_out = nn.Linear(dim, out_dim)
        self.quant_const = alpha

    def forward(self, x):
        x = self.spike1(self.fc1(x)) * self.quant_const
        x = self.spike2(self.fc2(x)) * self.quant_const
        return self.fc_out(x)


class MaskFormerHead(nn.Module):
    """mmseg MaskFormerHead over mmdet MaskFormerHead (semantic inference path)."""

    def __init__(self, cfg: Config):
        super().__init__()
        c, D, nq = cfg.pixel_dim, cfg.spike_levels, cfg.num_queries
        self.num_queries = nq
        self.num_transformer_feat_level = 3
        self.alpha = cfg.head_alpha
        self.Identity = nn.Identity()
        self.pixel_decoder = PixelDecoder(cfg)
        self.transformer_decoder = TransformerDecoder(cfg)
        self.decoder_input_projs = nn.ModuleList([nn.Identity() for _ in range(3)])
        self.decoder_pe = SinePositionalEncoding(c // 2)
        self.query_embed = nn.Embedding(nq, c)
        self.query_feat = nn.Embedding(nq, c)
        self.level_embed = nn.Embedding(3, c)
        self.decoder_post_norm = nn.Sigmoid()
        self.decoder_out_spike = QIFNode(D)
        self.cls_embed = nn.Linear(c, cfg.num_classes + 1)  # mmseg wrapper re-creates it with num_classes+1
        self.mask_embed_spike = QIFNode(D)
        self.mask_embed = HeadMLP(c, c, self.alpha, D)
        self.w = nn.Parameter(torch.ones(1))
        self.shortcut_conv_spike = QIFNode(D)
        self.shortcut_conv = nn.Sequential(nn.Conv1d(nq, nq, 1, 1, bias=False), nn.BatchNorm1d(nq))

    def forward(self, feats, record=None):
        """Returns (all_cls_scores (L+1, B, Q, K+1), all_mask_preds (L+1, B, Q, h, w))."""
        mask_features, memory, ms = self.pixel_decoder(feats)
        t, bs = memory.shape[:2]
        if record is not None:
            record.update(mask_features=mask_features, encoder_memory=memory, memories=ms)
        query_feat = self.query_feat.weight.unsqueeze(0).repeat((t, bs, 1, 1))
        query_embed = self.query_embed.weight.unsqueeze(0).repeat(bs, 1, 1)
        inputs, pes = [], []
        for i in range(self.num_transformer_feat_level):
            x = self.decoder_input_projs[i](ms[i]).flatten(3).permute(0, 1, 3, 2)
            inputs.append(x + self.level_embed.weight[i].view(1, 1, -1))
            mask = x.new_zeros((bs,) + ms[i].shape[-2:], dtype=torch.bool)
            pes.append(self.decoder_pe(mask).flatten(2).permute(0, 2, 1))
        out_dec = [query_feat]
        for i, layer in enumerate(self.transformer_decoder.layers):
            lvl = i % self.num_transformer_feat_level
            query_feat = layer(query_feat, inputs[lvl], inputs[lvl], query_embed, pes[lvl])
            out_dec.append(query_feat)
        out_dec = torch.stack(out_dec)
        ln, t, bs, nq, c = out_dec.shape
        if record is not None:
            record.update(queries=out_dec)
        out_dec = self.decoder_post_norm(out_dec)
        a = self.alpha * self.decoder_out_spike(out_dec)
        cls = self.cls_embed(a).mean(1)
        mlp = self.mask_embed(a)
        sc = self.shortcut_conv(self.alpha * self.shortcut_conv_spike(out_dec).reshape(ln * t * bs, nq, c))
        mask_embed = mlp + self.w * sc.view(ln, t, bs, nq, c).contiguous()
        mask_embed = self.alpha * self.mask_embed_spike(mask_embed)
        masks = torch.einsum("ltbqc,tbchw->ltbqhw", mask_embed, mask_features).mean(1)
        return cls, masks


class DataPreprocessor(nn.Module):
    """SegDataPreProcessor: mean/std are non-persistent buffers (no state_dict entry)."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor([123.675, 116.28, 103.53]).view(-1, 1, 1), False)
        self.register_buffer("std", torch.tensor([58.395, 57.12, 57.375]).view(-1, 1, 1), False)


class Spike2Former(nn.Module):
    """mmseg EncoderDecoder(backbone=Spiking_vit_MetaFormer, decode_head=MaskFormerHead)."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.data_preprocessor = DataPreprocessor()
        self.backbone = Backbone(cfg)
        self.decode_head = MaskFormerHead(cfg)

    def forward(self, img, record=None):
        """img: normalised RGB (B, 3, H, W). Returns semantic scores (B, K, H, W).

        record (dict, optional) receives x1..x4, mask_features, encoder_memory, memories, queries,
        cls (L+1, B, Q, K+1), masks (L+1, B, Q, h, w).
        """
        feats = self.backbone(img)
        if record is not None:
            record.update(backbone=feats)
        cls, masks = self.decode_head(feats, record)
        if record is not None:
            record.update(cls=cls, masks=masks)
        mask_pred = F.interpolate(masks[-1], size=img.shape[-2:], mode="bilinear", align_corners=False)
        cls_score = F.softmax(cls[-1], dim=-1)[..., :-1]
        return torch.einsum("bqc,bqhw->bchw", cls_score, mask_pred.sigmoid())


# --------------------------------------------------------------------------------------------------
# Parameter counting
# --------------------------------------------------------------------------------------------------
def is_running_stat(key: str) -> bool:
    return key.endswith(("running_mean", "running_var", "num_batches_tracked"))


def component(key: str) -> str:
    if key.startswith("backbone."):
        return "backbone"
    if key.startswith("decode_head.pixel_decoder."):
        return "pixel_decoder"
    if key.startswith("decode_head.transformer_decoder."):
        return "transformer_decoder"
    return "rest"


def parameter_counts(state_dict) -> "OrderedDict[str, int]":
    counts = OrderedDict((k, 0) for k in ("backbone", "pixel_decoder", "transformer_decoder", "rest"))
    for k, v in state_dict.items():
        if not is_running_stat(k):
            counts[component(k)] += v.numel()
    counts["total"] = sum(counts.values())
    return counts
