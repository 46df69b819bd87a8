"""Reference for `alignet bench decode`: PIL decode + torchvision Resize((S, S), bilinear) + ToTensor +
Normalize (ImageNet statistics) on the same .jpg files, in one process per worker.

    python3 tools/bench/decode_ref.py --images-dir DIR --image-size 224 --threads 1
"""
import argparse
import io
import json
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

import torch
from PIL import Image
from torchvision import transforms

TRANSFORM = None


def _init(size):
    global TRANSFORM
    torch.set_num_threads(1)
    TRANSFORM = transforms.Compose([
        transforms.Resize((size, size), interpolation=transforms.InterpolationMode.BILINEAR, antialias=False),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])


def _decode(blobs):
    for b in blobs:
        TRANSFORM(Image.open(io.BytesIO(b)).convert("RGB"))
    return len(blobs)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--images-dir", required=True)
    p.add_argument("--image-size", type=int, default=224)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5)
    a = p.parse_args()
    files = sorted(f for f in os.listdir(a.images_dir) if f.endswith(".jpg"))
    blobs = [open(os.path.join(a.images_dir, f), "rb").read() for f in files]
    parts = [blobs[w::a.threads] for w in range(a.threads)]
    seconds = []
    if a.threads == 1:
        _init(a.image_size)
        _decode(blobs[:4])
        for _ in range(a.repeats):
            t = time.perf_counter()
            _decode(blobs)
            seconds.append(time.perf_counter() - t)
    else:
        with ProcessPoolExecutor(a.threads, initializer=_init, initargs=(a.image_size,)) as pool:
            list(pool.map(_decode, [p[:4] for p in parts]))
            for _ in range(a.repeats):
                t = time.perf_counter()
                list(pool.map(_decode, parts))
                seconds.append(time.perf_counter() - t)
    rates = [len(blobs) / x for x in seconds]
    med = statistics.median(rates)
    print(json.dumps({"imagesPerSecond": med, "min": min(rates), "max": max(rates),
                      "imagesPerSecondPerThread": med / a.threads, "threads": a.threads, "images": len(blobs)}))


if __name__ == "__main__":
    main()
