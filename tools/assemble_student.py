#!/usr/bin/env python3
"""Join a student exported by AligNet Flow (StudentExport: DESCRIPTOR.json naming <name>-backbone.pt and
<name>-head.npz) into one TorchScript file whose output is the triplet head applied to the backbone's
embedding, plus a descriptor for it.

  assemble_student.py DESCRIPTOR.json OUT.pt
"""
import json
import os
import sys

import numpy as np
import torch


class Student(torch.nn.Module):
    def __init__(self, backbone, weight, bias):
        super().__init__()
        self.backbone = backbone
        self.head = torch.nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            self.head.weight.copy_(torch.from_numpy(weight))
            self.head.bias.copy_(torch.from_numpy(bias))

    def forward(self, x):
        return self.head(self.backbone(x))


def assemble(descriptor_path, out):
    d = json.load(open(descriptor_path))
    folder = os.path.dirname(os.path.abspath(descriptor_path))
    backbone = torch.jit.load(os.path.join(folder, d["file"]))
    head = np.load(os.path.join(folder, d["head"]))
    student = torch.jit.script(Student(backbone, head["weight"], head["bias"]).eval())
    student.save(out)
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump(dict(d, file=os.path.basename(out), embeddingDim=int(head["weight"].shape[0]), head=None), f, indent=2)
    return student


if __name__ == "__main__":
    assemble(sys.argv[1], sys.argv[2])
