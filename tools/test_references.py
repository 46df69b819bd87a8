"""pytest for the reference scripts: hand-computed cases of the formulas (method_reference.py needs only
numpy) and the eval counting rule on a hand-made TorchScript model (eval_reference.py needs torch, PIL)."""
import math
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(__file__))
import method_reference as mr  # noqa: E402


def test_schedule_is_optax_warmup_cosine():
    assert mr.warmup_cosine(0, 1.0, 4, 20) == 0.0
    assert mr.warmup_cosine(2, 1.0, 4, 20) == 0.5
    assert mr.warmup_cosine(4, 1.0, 4, 20) == 1.0
    assert math.isclose(mr.warmup_cosine(12, 1.0, 4, 20), 0.5)
    assert mr.warmup_cosine(20, 1.0, 4, 20) == pytest.approx(0.0, abs=1e-15)


def test_losses_by_hand():
    heads = np.zeros((1, 3, 2))
    sims = np.log(np.array([[0.5, 0.25, 0.25]]))
    # q uniform: KL = sum p log(p / (1/3))
    assert mr.kl_loss(sims, heads, 100.0) == pytest.approx(sum(p * math.log(3 * p) for p in (0.5, 0.25, 0.25)))
    assert mr.jsd_loss(sims, heads, 100.0) > 0
    assert mr.jsd_loss(np.zeros((1, 3)), heads, 100.0) == pytest.approx(0.0, abs=1e-15)


def test_adam_first_step_moves_by_lr_against_the_gradient_sign():
    thetas = mr.adam_decay_to_init(np.array([1.0, -1.0]), np.array([0.0, 0.0]), [0.1])
    np.testing.assert_allclose(thetas[0], [0.9, -0.9], atol=1e-7)


def test_ceiling_and_spearman_by_hand():
    # votes (2, 0, 0): each rater agrees with the other -> 1; (1, 1, 0): each disagrees -> 0
    assert mr.human_ceiling(np.array([[2, 0, 0]])) == 1.0
    assert mr.human_ceiling(np.array([[1, 1, 0]])) == 0.0
    # (2, 1, 0): a rater of position 0 leaves (1, 1, 0), a two-way tie he is half of -> 1/2 each;
    # the rater of position 1 leaves (2, 0, 0) -> 0; mean (1/2 + 1/2 + 0) / 3
    assert mr.human_ceiling(np.array([[2, 1, 0]])) == pytest.approx(1 / 3)
    assert mr.spearman(np.array([1.0, 2, 2, 3]), np.array([1.0, 2, 2, 3])) == pytest.approx(1.0)


def test_eval_rule_counts_ties_as_wrong(tmp_path):
    import torch
    from PIL import Image
    import eval_reference as er

    class Mean(torch.nn.Module):  # embedding = mean colour per channel
        def forward(self, x):
            return x.mean(dim=(2, 3))

    torch.jit.script(Mean()).save(str(tmp_path / "m.pt"))
    colours = [(255, 0, 0), (250, 0, 0), (0, 0, 255), (0, 0, 255), (0, 255, 0), (255, 255, 0)]
    for n, c in enumerate(colours):
        Image.new("RGB", (4, 4), c).save(tmp_path / f"{n}.png")
    # 0 1 2: red pair, blue odd -> correct; 2 3 0: identical blues, red odd -> correct;
    # 0 2 3: the blue pair (S_jk) wins -> wrong; 5 0 4: yellow with red and with green, S_ij == S_ik = 1 > S_jk = 0:
    # a tie at the top -> wrong (it would count as correct with S_ij first).
    (tmp_path / "t.txt").write_text("0 1 2\n2 3 0\n0 2 3\n5 0 4\n")
    result = er.evaluate(str(tmp_path / "m.pt"), 4, [0, 0, 0], [1, 1, 1], str(tmp_path), str(tmp_path / "t.txt"), "things")
    assert (result["n"], result["correct"]) == (4, 2)


def test_splitmix64_first_outputs_are_the_published_ones():
    import eval_reference as er
    r = er.SplitMix64(1234567)
    assert (r.next(), r.next()) == (6457827717110365317, 3203168211198807973)


def test_ridge_one_shot_by_hand():
    import eval_reference as er
    # A = [[1, 0, 1], [0, 1, 1]] (unit rows + bias), lambda = 1: W = [[.5, -.5], [-.5, .5], [0, 0]]
    x = np.array([[2.0, 0.0], [0.0, 5.0]])
    assert er.ridge_predict(x, np.array([0, 1]), 2, np.array([[3.0, 1.0], [1.0, 4.0]]), 1.0).tolist() == [0, 1]


def test_few_shot_supports_are_per_class_and_tests_are_the_rest():
    import eval_reference as er
    labels = np.array([0, 1, 0, 1, 0, 1, 0, 1])
    rows = er.support_rows(labels, 2, 2, er.SplitMix64(7))
    assert len(rows) == 4 and sorted(labels[rows].tolist()) == [0, 0, 1, 1]
    x = np.where(labels[:, None] == 0, [[1.0, 0.1]], [[0.1, 1.0]])
    counts = er.few_shot(x, labels, 2, [1, 3], 2, 11, 0.1)
    assert counts == {1: [(6, 6), (6, 6)], 3: [(2, 2), (2, 2)]}


def test_rt_correlation_and_filtered_probe_by_hand(tmp_path):
    import eval_reference as er
    # Triplets with pair similarities 0.5, 1.5, 6 (others 0): model entropy falls; times fall with it -> r > 0.
    z = np.array([[1, 0], [0.5, 0], [0, 1], [1, 0], [1.5, 0], [0, 1], [2, 0], [3, 0], [0, 1]], dtype=float)
    (tmp_path / "l.csv").write_text("image1,image2,image3,odd_one_out,rt\n0,1,2,3,1500\n0,1,2,3,1700\n"
                                    "3,4,5,3,1050\n6,7,8,3,650\n")
    groups = er.read_levels_rt(str(tmp_path / "l.csv"))
    assert [g["votes"] for g in groups.values()] == [[0, 0, 2], [0, 0, 1], [0, 0, 1]]
    r = er.rt_correlation(z, {str(n): n for n in range(9)}, groups)
    h = [er.entropy(np.exp(s) / np.exp(s).sum()) for s in ([0, 0, 0.5], [0, 0, 1.5], [0, 0, 6])]
    assert r == pytest.approx(np.corrcoef(h, [1600, 1050, 650])[0, 1])
    # Filter: class means 0 and 1 in one pixel; held-out 0.9 labelled 0 and 0.2 labelled 1 are both wrong.
    kept = er.nearest_class_mean_errors(np.array([[0.0], [1.0]]), np.array([0, 1]), 2,
                                        np.array([[0.9], [0.1], [0.2]]), np.array([0, 0, 1]))
    assert kept.tolist() == [0, 2]


def test_committed_metrics_golden_is_what_the_reference_writes(tmp_path):
    import eval_reference as er
    committed = os.path.join(os.path.dirname(__file__), "..", "activities", "src", "test", "resources", "golden", "metrics")
    er.make_metrics_golden(str(tmp_path))
    assert (tmp_path / "rt-levels.csv").read_text() == open(os.path.join(committed, "rt-levels.csv")).read()
    fresh, old = np.load(tmp_path / "metrics-golden.npz"), np.load(os.path.join(committed, "metrics-golden.npz"))
    assert sorted(fresh.files) == sorted(old.files)
    for name in fresh.files:
        np.testing.assert_array_equal(fresh[name], old[name], err_msg=name)
