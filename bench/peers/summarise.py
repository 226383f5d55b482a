"""Prints the table of scripts/bench-peers from its folder (vpf-<round>.json from `vpf bench --json`,
peers.jsonl one line per peer run): per measure, the median of VPF Lab's rounds, each peer's median
and the ratio peer / VPF Lab (above 1: VPF Lab is faster)."""
import argparse
import glob
import json
import os
import statistics


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--json")
    a = p.parse_args()
    ours = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(a.folder, "vpf-*.json")))]
    theirs = [json.loads(line) for line in open(os.path.join(a.folder, "peers.jsonl")) if line.strip()]
    labels = {"vpf_epoch_s": "VPF epoch, RBM(400), 60k, batch 40",
              "cd1_epoch_s": "CD-1 epoch, RBM(400), 60k, batch 40",
              "parzen_s": "Parzen, 10k samples x 10k test"}
    rows = []
    for measure, label in labels.items():
        mine = statistics.median(r[measure] for r in ours)
        for peer in sorted({t["peer"] for t in theirs if t["measure"] == measure}):
            runs = [t for t in theirs if t["measure"] == measure and t["peer"] == peer]
            theirs_s = statistics.median(t["seconds"] for t in runs)
            rows.append(dict(measure=measure, label=label, vpf_lab_s=mine, peer=peer, peer_s=theirs_s,
                             peer_over_vpf_lab=theirs_s / mine, blas=runs[0].get("blas", ""), rounds=len(runs)))
    print(f"VPF Lab against its peers, medians of {len(ours)} interleaved rounds "
          f"({ours[0]['threads']} threads; GEMM peak {statistics.median(r['gemm_peak_gflops'] for r in ours):.0f} GFLOP/s)")
    print(f"{'measure':38} {'VPF Lab':>9} {'peer':>9}  ratio  peer (BLAS)")
    for r in rows:
        print(f"{r['label']:38} {r['vpf_lab_s']:8.2f}s {r['peer_s']:8.2f}s {r['peer_over_vpf_lab']:5.2f}x  "
              f"{r['peer']} ({r['blas']})")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=2)


if __name__ == "__main__":
    main()
