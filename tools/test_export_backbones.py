"""pytest for export_backbones.py (needs torch and numpy; not part of .ci/run, which never installs torch)."""
import json
import os
import sys

import numpy as np
import pytest
import torch

sys.path.insert(0, os.path.dirname(__file__))
import export_backbones as eb  # noqa: E402


@pytest.mark.parametrize("arch", sorted(eb.ARCHITECTURES))
def test_tiny_export_runs_in_torchscript_like_eager(arch, tmp_path):
    model, d = eb.build(arch, tiny=True)
    eb.randomise(model, 3)
    pt = eb.export(model, d, str(tmp_path))
    loaded = torch.jit.load(pt)
    x = torch.randn(5, 3, d["imageSize"], d["imageSize"])
    with torch.no_grad():
        z = loaded(x)
        assert z.shape == (5, d["embeddingDim"])
        assert torch.allclose(z, model(x), atol=1e-6)
    desc = json.loads((tmp_path / (d["name"] + ".json")).read_text())
    assert desc["file"] == os.path.basename(pt)
    assert desc["channelOrder"] == "RGB" and desc["layout"] == "NCHW" and desc["embedding"] == "output"


@pytest.mark.parametrize("arch,dim,tokens", [("vit-b16", 768, 197), ("dinov2-b14", 768, 257),
                                              ("siglip-b16", 768, 196), ("siglip-so400m14", 1152, 729)])
def test_full_size_architectures_have_the_published_shapes(arch, dim, tokens):
    with torch.device("meta"):
        model, d = eb.build(arch, tiny=False)
    assert d["embeddingDim"] == dim
    assert model.pos_embed.shape == (1, tokens, dim)
    if arch == "siglip-so400m14":
        assert len(model.blocks) == 27 and model.blocks[0].mlp.fc1.out_features == 4304


def test_weights_in_timm_layout_load_and_reproduce_outputs(tmp_path):
    source, _ = eb.build("dinov2-b14", tiny=True)
    eb.randomise(source, 1)
    state = dict(source.state_dict())
    state["head.weight"] = torch.zeros(10, 32)  # a classifier timm would carry is dropped
    path = tmp_path / "w.pth"
    torch.save(state, path)
    target, _ = eb.build("dinov2-b14", tiny=True)
    eb.load_weights(target, eb.read_state(str(path)))
    x = torch.randn(2, 3, 28, 28)
    with torch.no_grad():
        assert torch.equal(source(x), target(x))


def test_position_grid_is_resampled_for_another_input_size():
    pos = torch.randn(1, 1 + 37 * 37, 8)
    out = eb.resample_pos_embed(pos, 1 + 16 * 16, cls=True)
    assert out.shape == (1, 257, 8)
    assert torch.equal(out[:, 0], pos[:, 0])


def test_golden_files_hold_pytorch_results_that_reload(tmp_path):
    eb.golden(str(tmp_path))
    for name in ("vit-b16-tiny", "dinov2-b14-tiny"):
        g = np.load(tmp_path / f"{name}-golden.npz")
        model = torch.jit.load(str(tmp_path / f"{name}.pt"))
        with torch.no_grad():
            z = model(torch.from_numpy(g["input"]))
        np.testing.assert_allclose(z.numpy(), g["embeddings"], atol=1e-6)
        loss = eb.student_loss(model(torch.from_numpy(g["input"])), torch.from_numpy(g["teacher_logits"]), float(g["tau"]))
        assert abs(loss.item() - float(g["loss"])) < 1e-6
        grads = [k for k in g.files if k.startswith("grad/")]
        assert len(grads) == len(list(model.parameters()))
        assert all(np.abs(g[k]).sum() > 0 for k in grads)
