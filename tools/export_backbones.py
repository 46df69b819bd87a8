#!/usr/bin/env python3
"""Export vision backbones to TorchScript plus the JSON descriptor AligNet Flow loads with DJL.

Architectures follow timm's definitions and parameter names, so a timm state dict loads as is:

  vit-b16        timm vit_base_patch16_224             class token, embedding = normed CLS token
  dinov2-b14     timm vit_base_patch14_dinov2          + LayerScale, embedding = normed CLS token
  siglip-b16     timm vit_base_patch16_siglip_224      no class token, embedding = MAP attention pool
  siglip-so400m14 timm vit_so400m_patch14_siglip_384   width 1152, depth 27, MLP 4304, MAP pool

Usage:
  export_backbones.py export --arch vit-b16 --out DIR [--weights FILE | --from-timm] [--image-size N]
  export_backbones.py export --arch dinov2-b14 --tiny --out DIR          # random init, no download
  export_backbones.py golden --out activities/src/test/resources/golden/backbones

Weights: FILE is a timm state dict saved with torch.save (or .safetensors); --from-timm asks timm to
fetch the pretrained weights on *your* machine. Nothing here downloads anything otherwise.

The embedding is the model's only output, shape (N, embeddingDim); input is RGB, NCHW, pixels in
[0, 1] normalised (x - mean) / std per channel, as the descriptor says.

"golden" writes, for a tiny ViT-style and a tiny DINOv2-style model: the TorchScript file, its
descriptor and an .npz with an input batch, PyTorch's embeddings, and the gradients of every parameter
for one training step of the AligNet student loss (JSD between softmax(teacher logits) and
softmax(pair dot products / tau) of triplets of embeddings). Java tests compare DJL against these.
"""
import argparse
import json
import math
import os
import sys
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
HALF = [0.5, 0.5, 0.5]

# name -> (timm name, constructor arguments, default image size, mean, std)
ARCHITECTURES = {
    "vit-b16": ("vit_base_patch16_224",
                dict(patch=16, dim=768, depth=12, heads=12, mlp=3072, cls=True, pool="token", layer_scale=False),
                224, HALF, HALF),
    "dinov2-b14": ("vit_base_patch14_dinov2.lvd142m",
                   dict(patch=14, dim=768, depth=12, heads=12, mlp=3072, cls=True, pool="token", layer_scale=True),
                   224, IMAGENET_MEAN, IMAGENET_STD),
    "siglip-b16": ("vit_base_patch16_siglip_224",
                   dict(patch=16, dim=768, depth=12, heads=12, mlp=3072, cls=False, pool="map", layer_scale=False),
                   224, HALF, HALF),
    "siglip-so400m14": ("vit_so400m_patch14_siglip_384",
                        dict(patch=14, dim=1152, depth=27, heads=16, mlp=4304, cls=False, pool="map", layer_scale=False),
                        384, HALF, HALF),
}

# The same shapes at test size: a few thousand parameters, random init.
TINY = {
    "vit-b16": dict(patch=8, dim=32, depth=2, heads=2, mlp=64, image=32),
    "dinov2-b14": dict(patch=14, dim=32, depth=2, heads=4, mlp=64, image=28),
    "siglip-b16": dict(patch=8, dim=32, depth=2, heads=2, mlp=64, image=32),
    "siglip-so400m14": dict(patch=14, dim=48, depth=3, heads=4, mlp=96, image=28),
}


class Attention(nn.Module):
    """timm Attention: fused qkv, explicit softmax (no SDPA, so older libtorch loads the script)."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        a = (q * self.scale) @ k.transpose(-2, -1)
        a = a.softmax(dim=-1)
        return self.proj((a @ v).transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class LayerScale(nn.Module):
    def __init__(self, dim: int, init: float):
        super().__init__()
        self.gamma = nn.Parameter(init * torch.ones(dim))

    def forward(self, x):
        return x * self.gamma


class Block(nn.Module):
    def __init__(self, dim: int, heads: int, mlp: int, layer_scale: Optional[float]):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.ls1 = LayerScale(dim, layer_scale) if layer_scale is not None else nn.Identity()
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, mlp)
        self.ls2 = LayerScale(dim, layer_scale) if layer_scale is not None else nn.Identity()

    def forward(self, x):
        x = x + self.ls1(self.attn(self.norm1(x)))
        return x + self.ls2(self.mlp(self.norm2(x)))


class PatchEmbed(nn.Module):
    def __init__(self, patch: int, dim: int):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class AttentionPoolLatent(nn.Module):
    """timm AttentionPoolLatent (SigLIP's MAP head) with one latent query."""

    def __init__(self, dim: int, heads: int, mlp: int):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.latent = nn.Parameter(torch.zeros(1, 1, dim))
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, mlp)

    def forward(self, x):
        b, n, c = x.shape
        h = self.heads
        q = self.q(self.latent.expand(b, -1, -1)).reshape(b, 1, h, c // h).transpose(1, 2)
        kv = self.kv(x).reshape(b, n, 2, h, c // h).permute(2, 0, 3, 1, 4)
        k, v = kv[0], kv[1]
        a = ((q * self.scale) @ k.transpose(-2, -1)).softmax(dim=-1)
        x = self.proj((a @ v).transpose(1, 2).reshape(b, 1, c))
        x = x + self.mlp(self.norm(x))
        return x[:, 0]


class VisionTransformer(nn.Module):
    """timm VisionTransformer without classifier: returns the pre-logits embedding (N, dim)."""

    def __init__(self, image: int, patch: int, dim: int, depth: int, heads: int, mlp: int, cls: bool, pool: str,
                 layer_scale: bool):
        super().__init__()
        if image < patch:
            raise ValueError(f"image size {image} is smaller than the patch size {patch}")
        # Like timm's strided conv, a remainder is dropped: so400m/14 at 384 px sees 27 x 27 patches.
        self.use_cls = cls
        self.pool = pool
        tokens = (image // patch) ** 2 + (1 if cls else 0)
        self.patch_embed = PatchEmbed(patch, dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim)) if cls else None
        self.pos_embed = nn.Parameter(torch.randn(1, tokens, dim) * 0.02)
        self.blocks = nn.Sequential(*[Block(dim, heads, mlp, 1e-5 if layer_scale else None) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.attn_pool = AttentionPoolLatent(dim, heads, mlp) if pool == "map" else None

    def forward(self, x):
        x = self.patch_embed(x)
        if self.cls_token is not None:
            x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        x = self.norm(self.blocks(x + self.pos_embed))
        if self.attn_pool is not None:
            return self.attn_pool(x)
        return x[:, 0]


def build(arch: str, tiny: bool, image_size: Optional[int] = None) -> (nn.Module, dict):
    if arch not in ARCHITECTURES:
        raise SystemExit(f"unknown architecture '{arch}'; choose one of {sorted(ARCHITECTURES)}")
    timm_name, args, size, mean, std = ARCHITECTURES[arch]
    args = dict(args)
    if tiny:
        t = dict(TINY[arch])
        size = t.pop("image")
        args.update(t)
    size = image_size or size
    model = VisionTransformer(image=size, **args)
    descriptor = {
        "name": arch + ("-tiny" if tiny else ""),
        "format": "torchscript",
        "architecture": arch,
        "timm": timm_name,
        "imageSize": size,
        "mean": mean,
        "std": std,
        "channelOrder": "RGB",
        "layout": "NCHW",
        "pixelScale": "[0,1]",
        "embedding": "output",
        "embeddingDim": args["dim"],
    }
    return model, descriptor


def randomise(model: nn.Module, seed: int):
    """Random init with visible structure everywhere (LayerScale and the MAP latent too)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("gamma"):
                p.copy_(0.5 + torch.rand(p.shape, generator=g))
            elif "norm" in name and name.endswith("weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif p.dim() >= 2:
                fan_in = p[0].numel() if p.dim() > 1 else p.numel()
                p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(max(1, fan_in)))
            else:
                p.copy_(0.05 * torch.randn(p.shape, generator=g))


def resample_pos_embed(pos: torch.Tensor, tokens: int, cls: bool) -> torch.Tensor:
    """Bicubic resize of a square position grid (timm resample_abs_pos_embed), e.g. DINOv2 518 -> 224."""
    prefix = pos[:, :1] if cls else pos[:, :0]
    grid = pos[:, 1:] if cls else pos
    old = int(math.isqrt(grid.shape[1]))
    new = int(math.isqrt(tokens - (1 if cls else 0)))
    grid = grid.reshape(1, old, old, -1).permute(0, 3, 1, 2)
    grid = F.interpolate(grid, size=(new, new), mode="bicubic", antialias=True, align_corners=False)
    return torch.cat([prefix, grid.permute(0, 2, 3, 1).reshape(1, new * new, -1)], dim=1)


def load_weights(model: VisionTransformer, state: dict):
    state = {k: v for k, v in state.items() if not k.startswith(("head.", "fc_norm.", "attn_pool.head."))}
    state = {k.replace("attn_pool.mlp.", "attn_pool.mlp."): v for k, v in state.items()}
    if "pos_embed" in state and state["pos_embed"].shape != model.pos_embed.shape:
        state["pos_embed"] = resample_pos_embed(state["pos_embed"], model.pos_embed.shape[1], model.use_cls)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"weights do not fit the architecture: missing {missing}, unexpected {unexpected}")


def read_state(path: str) -> dict:
    if path.endswith(".safetensors"):
        from safetensors.torch import load_file
        return load_file(path)
    state = torch.load(path, map_location="cpu", weights_only=True)
    return state.get("state_dict", state.get("model", state))


def export(model: nn.Module, descriptor: dict, out: str) -> str:
    os.makedirs(out, exist_ok=True)
    model.eval()
    scripted = torch.jit.script(model)
    pt = os.path.join(out, descriptor["name"] + ".pt")
    scripted.save(pt)
    descriptor = dict(descriptor, file=os.path.basename(pt))
    with open(os.path.join(out, descriptor["name"] + ".json"), "w") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")
    return pt


def student_loss(z: torch.Tensor, teacher_logits: torch.Tensor, tau: float) -> torch.Tensor:
    """AligNet JSD student loss on triplets of consecutive rows of z (DESIGN.md §3), natural log, batch mean."""
    h = z.reshape(-1, 3, z.shape[-1])
    s = torch.stack([(h[:, 0] * h[:, 1]).sum(-1), (h[:, 0] * h[:, 2]).sum(-1), (h[:, 1] * h[:, 2]).sum(-1)], dim=1)
    p = teacher_logits.softmax(-1)
    q = (s / tau).softmax(-1)
    m = (p + q) / 2
    return (0.5 * (p * (p.log() - m.log())).sum(1) + 0.5 * (q * (q.log() - m.log())).sum(1)).mean()


def golden(out: str, seed: int = 7):
    import numpy as np
    os.makedirs(out, exist_ok=True)
    for arch in ("vit-b16", "dinov2-b14"):
        torch.manual_seed(seed)
        model, d = build(arch, tiny=True)
        randomise(model, seed)
        pt = export(model, d, out)
        loaded = torch.jit.load(pt)
        g = torch.Generator().manual_seed(seed + 1)
        size = d["imageSize"]
        pixels = torch.rand(6, 3, size, size, generator=g)
        mean = torch.tensor(d["mean"]).view(1, 3, 1, 1)
        std = torch.tensor(d["std"]).view(1, 3, 1, 1)
        x = (pixels - mean) / std
        logits = torch.randn(2, 3, generator=g) * 3
        tau = 1.0
        loaded.eval()
        with torch.no_grad():
            z = loaded(x)
        # Train mode changes nothing here (no dropout); gradients of the scripted module's parameters.
        loaded.train()
        loss = student_loss(loaded(x), logits, tau)
        params = dict(loaded.named_parameters())
        grads = torch.autograd.grad(loss, list(params.values()))
        arrays = {"pixels": pixels.numpy(), "input": x.numpy(), "embeddings": z.numpy(),
                  "teacher_logits": logits.numpy(), "tau": np.array(tau), "loss": np.array(loss.item())}
        for (name, _), grad in zip(params.items(), grads):
            arrays["grad/" + name] = grad.numpy()
        np.savez_compressed(os.path.join(out, d["name"] + "-golden.npz"), **arrays)
        print(f"{d['name']}: {sum(p.numel() for p in params.values())} parameters, loss {loss.item():.6f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="export one backbone")
    e.add_argument("--arch", required=True, choices=sorted(ARCHITECTURES))
    e.add_argument("--out", required=True)
    e.add_argument("--tiny", action="store_true", help="test-size model with random weights")
    e.add_argument("--image-size", type=int)
    e.add_argument("--weights", help="timm state dict (.pth/.bin via torch.save, or .safetensors)")
    e.add_argument("--from-timm", action="store_true", help="let timm fetch pretrained weights (needs timm)")
    e.add_argument("--seed", type=int, default=0)
    gld = sub.add_parser("golden", help="write the tiny models and golden files the Java tests compare against")
    gld.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if args.command == "golden":
        golden(args.out)
        return 0
    model, d = build(args.arch, args.tiny, args.image_size)
    if args.weights:
        load_weights(model, read_state(args.weights))
    elif args.from_timm:
        import timm
        load_weights(model, timm.create_model(ARCHITECTURES[args.arch][0], pretrained=True).state_dict())
    else:
        if not args.tiny:
            print("warning: no --weights; exporting random weights", file=sys.stderr)
        randomise(model, args.seed)
    print(export(model, d, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
