"""Export a ViT-B/16 (86M parameters, random weights) as TorchScript for `alignet bench embed`.

Written out in plain torch (no torchvision) so the benchmark needs nothing but torch. The weights are
random: throughput does not depend on their values, and nothing is downloaded.

    python3 tools/bench/make_vit.py --out /tmp/vit_b16.pt [--size 224] [--width 768 --depth 12 --heads 12]
"""
import argparse

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width, eps=1e-6)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(width, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


class ViT(nn.Module):
    """Patch embedding, class token, pre-norm transformer; returns the final class-token embedding."""

    def __init__(self, size=224, patch=16, width=768, depth=12, heads=12):
        super().__init__()
        self.patchify = nn.Conv2d(3, width, patch, stride=patch)
        self.cls = nn.Parameter(torch.zeros(1, 1, width))
        self.pos = nn.Parameter(torch.randn(1, (size // patch) ** 2 + 1, width) * 0.02)
        self.blocks = nn.Sequential(*[Block(width, heads) for _ in range(depth)])
        self.ln = nn.LayerNorm(width, eps=1e-6)

    def forward(self, x):
        x = self.patchify(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        return self.ln(self.blocks(x))[:, 0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--width", type=int, default=768)
    p.add_argument("--depth", type=int, default=12)
    p.add_argument("--heads", type=int, default=12)
    a = p.parse_args()
    torch.manual_seed(0)
    model = ViT(a.size, 16, a.width, a.depth, a.heads).eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, torch.rand(2, 3, a.size, a.size))
    traced.save(a.out)
    print(f"wrote {a.out}: ViT {a.width}x{a.depth}, {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M params")


if __name__ == "__main__":
    main()
