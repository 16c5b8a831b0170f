"""PyTorch reference for `npm run bench:train`: the original system's CNN-LSTM trained on the windows the
benchmark sends, the way our TF.js trainer trains them, to time an epoch on this machine in the same run.

Reads one JSON job on stdin (windows, targets, hyperparameters), trains with 1 thread, and writes one JSON
line on stdout: per-epoch seconds, wall and CPU (shuffle + train batches + validation pass), and losses. Called by
`train/pytorch-reference.ts`; needs Python 3 and torch (Debian: apt-get install python3-torch).
"""
import json
import sys
import time

import torch
from torch import nn


class CnnLstm(nn.Module):
    """Conv1d(1→filters, k, valid) + ReLU → LSTM(filters→units) → Linear(units→1), last time step."""

    def __init__(self, filters: int, kernel_size: int, units: int):
        super().__init__()
        self.conv = nn.Conv1d(1, filters, kernel_size)
        self.lstm = nn.LSTM(filters, units, batch_first=True)
        self.head = nn.Linear(units, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: [batch, window, 1] as in TF.js; Conv1d wants channels first.
        z = torch.relu(self.conv(x.transpose(1, 2))).transpose(1, 2)
        out, _ = self.lstm(z)
        return self.head(out[:, -1, :])


def blas_libraries() -> list:
    """The BLAS shared libraries this process mapped (Linux): torch's speed depends on which one."""
    try:
        with open("/proc/self/maps", encoding="utf8") as maps:
            return sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    except OSError:
        return []


def main() -> None:
    job = json.load(sys.stdin)
    torch.set_num_threads(1)
    torch.manual_seed(job["seed"])
    x = torch.tensor(job["trainInputs"], dtype=torch.float32).unsqueeze(-1)
    y = torch.tensor(job["trainTargets"], dtype=torch.float32).unsqueeze(-1)
    vx = torch.tensor(job["validationInputs"], dtype=torch.float32).unsqueeze(-1)
    vy = torch.tensor(job["validationTargets"], dtype=torch.float32).unsqueeze(-1)
    model = CnnLstm(job["convFilters"], job["kernelSize"], job["lstmUnits"])
    optimizer = torch.optim.Adam(model.parameters(), lr=job["learningRate"])
    loss_fn = nn.MSELoss()
    batch = job["batchSize"]
    generator = torch.Generator().manual_seed(job["seed"])
    epochs = []
    for _ in range(job["epochs"]):
        started, cpu_started = time.perf_counter(), time.process_time()
        order = torch.randperm(len(x), generator=generator)
        model.train()
        train_sum = 0.0
        for start in range(0, len(x), batch):
            idx = order[start : start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            train_sum += loss.item() * len(idx)
        model.eval()
        val_sum = 0.0
        with torch.no_grad():
            for start in range(0, len(vx), batch):
                bx, by = vx[start : start + batch], vy[start : start + batch]
                val_sum += loss_fn(model(bx), by).item() * len(bx)
        epochs.append(
            {
                "seconds": time.perf_counter() - started,
                "cpuSeconds": time.process_time() - cpu_started,
                "trainLoss": train_sum / len(x),
                "valLoss": val_sum / len(vx),
            }
        )
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_libraries()}
    json.dump({**result, "epochs": epochs}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
