"""Reference for `alignet bench embed`: the same TorchScript model run from Python PyTorch, with the
same batch size, thread count and per-batch work (normalise, forward, copy the embeddings out).

    python3 tools/bench/embed_ref.py --model M.pt --image-size 224 --batch 8 --images 32 --threads 2
"""
import argparse
import json
import statistics
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--image-size", type=int, default=224)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--images", type=int, default=128)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    model = torch.jit.load(a.model).eval()
    s = a.image_size
    images = torch.rand(a.images, 3, s, s)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)

    def embed_all(x):
        out = []
        for i in range(0, x.shape[0], a.batch):
            out.append(model((x[i:i + a.batch] - mean) / std).numpy())
        return out

    with torch.inference_mode():
        embed_all(images[: 2 * a.batch])  # warm-up, as on the Java side: the profiling executor optimises here
        seconds = []
        for _ in range(a.repeats):
            t = time.perf_counter()
            embed_all(images)
            seconds.append(time.perf_counter() - t)
    rates = [a.images / x for x in seconds]
    print(json.dumps({"imagesPerSecond": statistics.median(rates), "min": min(rates), "max": max(rates),
                      "threads": a.threads, "batch": a.batch, "images": a.images, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
