"""Peer for bench/neural.bench.ts: the same training steps as src/neural in PyTorch on the CPU.

GAN step (src/neural/gan.ts at its defaults): generator 4 -> 64 -> 64 -> 64 -> 2 (ReLU), discriminator
2 -> 64 -> 64 -> 64 -> 1 (LeakyReLU 0.2), Glorot-uniform weights, zero biases, non-saturating loss, Adam
(lr 3e-3, betas 0.5/0.999), batch 128: one discriminator update on 128 real + 128 generated points
(one forward pass over the 256 rows), then one generator update on 128 fresh latents.
DDPM step (src/neural/diffusion.ts at its defaults): denoiser [x_t, 16-feature time embedding] ->
64 -> 64 -> 64 -> 2 (ReLU), cosine schedule T = 100, epsilon-prediction MSE, Adam (lr 3e-3), batch 128.
Data: 1000 standardised ring-of-8 points; minibatches drawn with replacement.

One thread (torch.set_num_threads(1)), as the tfjs wasm backend runs on one thread here. Prints one
JSON line with steps per second for each learner, or {"skipped": reason} when torch is missing.
"""
import json
import math
import sys
import time

try:
    import torch
except ImportError as error:
    print(json.dumps({"skipped": f"PyTorch unavailable ({error})"}))
    sys.exit(0)

torch.set_num_threads(1)
torch.manual_seed(0)
B = 128
WARMUP = 100
STEPS = 1000


def mlp(sizes, activation):
    layers = []
    for i in range(len(sizes) - 1):
        linear = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i + 2 < len(sizes):
            layers.append(activation())
    return torch.nn.Sequential(*layers)


def ring(n):
    k = torch.randint(0, 8, (n,)).float() * (2 * math.pi / 8)
    x = torch.stack([2 * torch.cos(k), 2 * torch.sin(k)], dim=1) + 0.1 * torch.randn(n, 2)
    return (x - x.mean(0)) / x.std(0, unbiased=False)


def timed(step):
    for _ in range(WARMUP):
        step()
    start = time.perf_counter()
    for _ in range(STEPS):
        step()
    return STEPS / (time.perf_counter() - start)


def gan_steps_per_second():
    data = ring(1000)
    g = mlp([4, 64, 64, 64, 2], torch.nn.ReLU)
    d = mlp([2, 64, 64, 64, 1], lambda: torch.nn.LeakyReLU(0.2))
    opt_g = torch.optim.Adam(g.parameters(), lr=3e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=3e-3, betas=(0.5, 0.999))
    target = torch.cat([torch.ones(B, 1), torch.zeros(B, 1)])
    bce = torch.nn.functional.binary_cross_entropy_with_logits

    def step():
        real = data[torch.randint(0, data.shape[0], (B,))]
        with torch.no_grad():
            fake = g(torch.randn(B, 4))
        opt_d.zero_grad(set_to_none=True)
        # Mean over 2B rows times 2 = (1/B) sum of softplus terms, as in gan.ts.
        loss_d = 2 * bce(d(torch.cat([real, fake])), target)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        logits = d(g(torch.randn(B, 4)))
        loss_g = torch.nn.functional.softplus(-logits).mean()
        loss_g.backward()
        opt_g.step()

    return timed(step)


def diffusion_steps_per_second():
    data = ring(1000)
    T, s, E = 100, 0.008, 16
    f = lambda t: math.cos((t / T + s) / (1 + s) * math.pi / 2) ** 2
    beta = [min(1 - f(t) / f(t - 1), 0.999) for t in range(1, T + 1)]
    alpha_bar = torch.tensor([1.0] + beta).clone()
    acc = 1.0
    for t in range(1, T + 1):
        acc *= 1 - beta[t - 1]
        alpha_bar[t] = acc
    freqs = torch.tensor([1000 ** (-k / (E // 2)) for k in range(E // 2)])
    steps = torch.arange(T + 1).float()[:, None] * freqs[None, :]
    table = torch.cat([torch.sin(steps), torch.cos(steps)], dim=1)
    net = mlp([2 + E, 64, 64, 64, 2], torch.nn.ReLU)
    opt = torch.optim.Adam(net.parameters(), lr=3e-3)

    def step():
        x0 = data[torch.randint(0, data.shape[0], (B,))]
        t = torch.randint(1, T + 1, (B,))
        eps = torch.randn(B, 2)
        ab = alpha_bar[t][:, None]
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
        opt.zero_grad(set_to_none=True)
        loss = ((net(torch.cat([xt, table[t]], dim=1)) - eps) ** 2).mean()
        loss.backward()
        opt.step()

    return timed(step)


print(
    json.dumps(
        {
            "torch": torch.__version__,
            "threads": torch.get_num_threads(),
            "ganStepsPerSecond": gan_steps_per_second(),
            "diffusionStepsPerSecond": diffusion_steps_per_second(),
        }
    )
)
